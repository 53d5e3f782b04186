using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewPortal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class DecisionsAndConfirmations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ConfirmationDeadlineUtc",
                table: "Tracks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<List<int>>(
                name: "ConfirmationReminderDays",
                table: "Tracks",
                type: "integer[]",
                nullable: false,
                defaultValueSql: "'{7,2}'");

            migrationBuilder.AddColumn<int>(
                name: "ProgrammeCapacity",
                table: "Tracks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WaitlistPromotion",
                table: "Tracks",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Automatic");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DecidedUtc",
                table: "Submissions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WaitlistRank",
                table: "Submissions",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ConfirmationReminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    DaysBefore = table.Column<int>(type: "integer", nullable: false),
                    SentUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConfirmationReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConfirmationReminders_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DecisionLetters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    SpeakerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OutboxMessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionLetters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DecisionLetters_SubmissionSpeakers_SpeakerId",
                        column: x => x.SpeakerId,
                        principalTable: "SubmissionSpeakers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DecisionLetters_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DecisionLetters_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DecisionTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    IncludeReviewComments = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DecisionTemplates_People_UpdatedById",
                        column: x => x.UpdatedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DecisionTemplates_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SpeakerConfirmations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    OfferedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PromotedFromWaitlist = table.Column<bool>(type: "boolean", nullable: false),
                    ExtendedUntilUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Answer = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AnsweredUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnsweredById = table.Column<Guid>(type: "uuid", nullable: true),
                    AnsweredBySpeakerId = table.Column<Guid>(type: "uuid", nullable: true),
                    DeclineReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AbsentSpeakerIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    Unavailable = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpeakerConfirmations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SpeakerConfirmations_People_AnsweredById",
                        column: x => x.AnsweredById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SpeakerConfirmations_SubmissionSpeakers_AnsweredBySpeakerId",
                        column: x => x.AnsweredBySpeakerId,
                        principalTable: "SubmissionSpeakers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_SpeakerConfirmations_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SpeakerConfirmations_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConfirmationReminders_SubmissionId_DaysBefore",
                table: "ConfirmationReminders",
                columns: new[] { "SubmissionId", "DaysBefore" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DecisionLetters_SpeakerId",
                table: "DecisionLetters",
                column: "SpeakerId");

            migrationBuilder.CreateIndex(
                name: "IX_DecisionLetters_SubmissionId_SpeakerId_Outcome",
                table: "DecisionLetters",
                columns: new[] { "SubmissionId", "SpeakerId", "Outcome" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DecisionLetters_TrackId",
                table: "DecisionLetters",
                column: "TrackId");

            migrationBuilder.CreateIndex(
                name: "IX_DecisionTemplates_TrackId_Outcome",
                table: "DecisionTemplates",
                columns: new[] { "TrackId", "Outcome" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DecisionTemplates_UpdatedById",
                table: "DecisionTemplates",
                column: "UpdatedById");

            migrationBuilder.CreateIndex(
                name: "IX_SpeakerConfirmations_AnsweredById",
                table: "SpeakerConfirmations",
                column: "AnsweredById");

            migrationBuilder.CreateIndex(
                name: "IX_SpeakerConfirmations_AnsweredBySpeakerId",
                table: "SpeakerConfirmations",
                column: "AnsweredBySpeakerId");

            migrationBuilder.CreateIndex(
                name: "IX_SpeakerConfirmations_SubmissionId",
                table: "SpeakerConfirmations",
                column: "SubmissionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SpeakerConfirmations_TrackId_Answer",
                table: "SpeakerConfirmations",
                columns: new[] { "TrackId", "Answer" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConfirmationReminders");

            migrationBuilder.DropTable(
                name: "DecisionLetters");

            migrationBuilder.DropTable(
                name: "DecisionTemplates");

            migrationBuilder.DropTable(
                name: "SpeakerConfirmations");

            migrationBuilder.DropColumn(
                name: "ConfirmationDeadlineUtc",
                table: "Tracks");

            migrationBuilder.DropColumn(
                name: "ConfirmationReminderDays",
                table: "Tracks");

            migrationBuilder.DropColumn(
                name: "ProgrammeCapacity",
                table: "Tracks");

            migrationBuilder.DropColumn(
                name: "WaitlistPromotion",
                table: "Tracks");

            migrationBuilder.DropColumn(
                name: "DecidedUtc",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "WaitlistRank",
                table: "Submissions");
        }
    }
}
