using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewPortal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Timetable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Attachments",
                table: "OutboxMessages",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PublishedTimetables",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    PublishedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedById = table.Column<Guid>(type: "uuid", nullable: false),
                    Breaks = table.Column<string>(type: "jsonb", nullable: true),
                    Changes = table.Column<string>(type: "jsonb", nullable: true),
                    Rooms = table.Column<string>(type: "jsonb", nullable: true),
                    Slots = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedTimetables", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublishedTimetables_People_PublishedById",
                        column: x => x.PublishedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PublishedTimetables_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TimetableRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    MinimalChange = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Progress = table.Column<double>(type: "double precision", nullable: false),
                    Stage = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Objective = table.Column<double>(type: "double precision", nullable: true),
                    Bound = table.Column<double>(type: "double precision", nullable: true),
                    Explanation = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    BasedOnVersion = table.Column<int>(type: "integer", nullable: false),
                    RequestedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AppliedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DiscardedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SolveMilliseconds = table.Column<long>(type: "bigint", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    Slots = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TimetableRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TimetableRuns_People_RequestedById",
                        column: x => x.RequestedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TimetableRuns_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Timetables",
                columns: table => new
                {
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PublishedVersion = table.Column<int>(type: "integer", nullable: true),
                    UpdatedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    Blocks = table.Column<string>(type: "jsonb", nullable: true),
                    Breaks = table.Column<string>(type: "jsonb", nullable: true),
                    Rooms = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Timetables", x => x.TrackId);
                    table.ForeignKey(
                        name: "FK_Timetables_People_UpdatedById",
                        column: x => x.UpdatedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Timetables_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TimetableSlots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Room = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StartUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Pinned = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TimetableSlots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TimetableSlots_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TimetableSlots_Timetables_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Timetables",
                        principalColumn: "TrackId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedTimetables_PublishedById",
                table: "PublishedTimetables",
                column: "PublishedById");

            migrationBuilder.CreateIndex(
                name: "IX_PublishedTimetables_TrackId_Number",
                table: "PublishedTimetables",
                columns: new[] { "TrackId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TimetableRuns_RequestedById",
                table: "TimetableRuns",
                column: "RequestedById");

            migrationBuilder.CreateIndex(
                name: "IX_TimetableRuns_TrackId_CreatedUtc",
                table: "TimetableRuns",
                columns: new[] { "TrackId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Timetables_UpdatedById",
                table: "Timetables",
                column: "UpdatedById");

            migrationBuilder.CreateIndex(
                name: "IX_TimetableSlots_SubmissionId",
                table: "TimetableSlots",
                column: "SubmissionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TimetableSlots_TrackId_StartUtc",
                table: "TimetableSlots",
                columns: new[] { "TrackId", "StartUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublishedTimetables");

            migrationBuilder.DropTable(
                name: "TimetableRuns");

            migrationBuilder.DropTable(
                name: "TimetableSlots");

            migrationBuilder.DropTable(
                name: "Timetables");

            migrationBuilder.DropColumn(
                name: "Attachments",
                table: "OutboxMessages");
        }
    }
}
