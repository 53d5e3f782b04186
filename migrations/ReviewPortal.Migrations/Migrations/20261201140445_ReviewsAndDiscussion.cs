using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewPortal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ReviewsAndDiscussion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OthersReviews",
                table: "Tracks",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "AfterOwnReview");

            migrationBuilder.AddColumn<List<int>>(
                name: "ReviewReminderDays",
                table: "Tracks",
                type: "integer[]",
                nullable: false,
                defaultValueSql: "'{7,3,1}'");

            migrationBuilder.AddColumn<List<string>>(
                name: "ScoreLabels",
                table: "Tracks",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            // Existing tracks on the default 1–5 scale get the default labels (Track.DefaultScoreLabels).
            migrationBuilder.Sql("""
                UPDATE "Tracks" SET "ScoreLabels" = ARRAY['strong reject', 'weak reject', 'borderline', 'weak accept', 'strong accept']
                WHERE "ScoreMin" = 1 AND "ScoreMax" = 5;
                """);

            migrationBuilder.CreateTable(
                name: "DiscussionComments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Body = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    CreatedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiscussionComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DiscussionComments_People_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DiscussionComments_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DiscussionComments_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewReminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    DaysBefore = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SentUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewReminders_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewReminders_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Reviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: true),
                    Confidence = table.Column<int>(type: "integer", nullable: true),
                    CommentsForSpeakers = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    CommentsForCommittee = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    CreatedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReopenedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReopenedById = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    Criteria = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reviews_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Reviews_People_ReopenedById",
                        column: x => x.ReopenedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Reviews_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Reviews_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScoreCriteria",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ScaleMin = table.Column<int>(type: "integer", nullable: false),
                    ScaleMax = table.Column<int>(type: "integer", nullable: false),
                    Weight = table.Column<double>(type: "double precision", nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreCriteria", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScoreCriteria_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DiscussionNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommentId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiscussionNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DiscussionNotices_DiscussionComments_CommentId",
                        column: x => x.CommentId,
                        principalTable: "DiscussionComments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DiscussionNotices_People_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DiscussionNotices_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DiscussionComments_AuthorId",
                table: "DiscussionComments",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_DiscussionComments_SubmissionId_CreatedUtc",
                table: "DiscussionComments",
                columns: new[] { "SubmissionId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DiscussionComments_TrackId",
                table: "DiscussionComments",
                column: "TrackId");

            migrationBuilder.CreateIndex(
                name: "IX_DiscussionNotices_CommentId_RecipientId",
                table: "DiscussionNotices",
                columns: new[] { "CommentId", "RecipientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DiscussionNotices_RecipientId_CreatedUtc",
                table: "DiscussionNotices",
                columns: new[] { "RecipientId", "CreatedUtc" },
                filter: "\"SentUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_DiscussionNotices_TrackId",
                table: "DiscussionNotices",
                column: "TrackId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewReminders_PersonId",
                table: "ReviewReminders",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewReminders_TrackId_PersonId_DaysBefore_Kind",
                table: "ReviewReminders",
                columns: new[] { "TrackId", "PersonId", "DaysBefore", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_PersonId",
                table: "Reviews",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_ReopenedById",
                table: "Reviews",
                column: "ReopenedById");

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_SubmissionId_PersonId",
                table: "Reviews",
                columns: new[] { "SubmissionId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_TrackId_PersonId",
                table: "Reviews",
                columns: new[] { "TrackId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreCriteria_TrackId_Name",
                table: "ScoreCriteria",
                columns: new[] { "TrackId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DiscussionNotices");

            migrationBuilder.DropTable(
                name: "ReviewReminders");

            migrationBuilder.DropTable(
                name: "Reviews");

            migrationBuilder.DropTable(
                name: "ScoreCriteria");

            migrationBuilder.DropTable(
                name: "DiscussionComments");

            migrationBuilder.DropColumn(
                name: "OthersReviews",
                table: "Tracks");

            migrationBuilder.DropColumn(
                name: "ReviewReminderDays",
                table: "Tracks");

            migrationBuilder.DropColumn(
                name: "ScoreLabels",
                table: "Tracks");
        }
    }
}
