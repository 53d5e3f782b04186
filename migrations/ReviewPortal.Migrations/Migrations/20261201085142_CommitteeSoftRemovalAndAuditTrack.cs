using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewPortal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CommitteeSoftRemovalAndAuditTrack : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RemovedUtc",
                table: "CommitteeMembers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TrackId",
                table: "AuditEntries",
                type: "uuid",
                nullable: true);

            // Entries written before the column existed: a track's own entries belong to its audit log.
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"TrackId\" = \"EntityId\" WHERE \"EntityType\" = 'Track';");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_AtUtc",
                table: "AuditEntries",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_TrackId_AtUtc",
                table: "AuditEntries",
                columns: new[] { "TrackId", "AtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_AtUtc",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_TrackId_AtUtc",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "RemovedUtc",
                table: "CommitteeMembers");

            migrationBuilder.DropColumn(
                name: "TrackId",
                table: "AuditEntries");
        }
    }
}
