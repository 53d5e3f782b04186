using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewPortal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AssignmentRunResultComplexJson : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Complex collections are never null: a run without a result (queued, failed) holds an empty array. Altering
            // to NOT NULL with a default first sets the existing NULLs to it.
            migrationBuilder.AlterColumn<string>(
                name: "Loads",
                table: "AssignmentRuns",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]",
                oldClrType: typeof(string),
                oldType: "jsonb",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Assignments",
                table: "AssignmentRuns",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]",
                oldClrType: typeof(string),
                oldType: "jsonb",
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Loads",
                table: "AssignmentRuns",
                type: "jsonb",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "jsonb");

            migrationBuilder.AlterColumn<string>(
                name: "Assignments",
                table: "AssignmentRuns",
                type: "jsonb",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "jsonb");
        }
    }
}
