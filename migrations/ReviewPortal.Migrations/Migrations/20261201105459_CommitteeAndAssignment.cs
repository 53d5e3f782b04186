using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewPortal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CommitteeAndAssignment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ConflictLookbackYears",
                table: "Tracks",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReviewPhaseStartedUtc",
                table: "Tracks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Affiliations",
                table: "CommitteeMembers",
                type: "jsonb",
                nullable: true,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AddColumn<List<string>>(
                name: "EmailDomains",
                table: "CommitteeMembers",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<List<string>>(
                name: "ExpertiseKeywords",
                table: "CommitteeMembers",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<List<string>>(
                name: "ExpertiseTopics",
                table: "CommitteeMembers",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<int>(
                name: "MaxLoad",
                table: "CommitteeMembers",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AssignmentRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    Mode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ReviewersPerProposal = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Progress = table.Column<double>(type: "double precision", nullable: false),
                    Stage = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Objective = table.Column<double>(type: "double precision", nullable: true),
                    Bound = table.Column<double>(type: "double precision", nullable: true),
                    WorstProposalAffinity = table.Column<double>(type: "double precision", nullable: true),
                    Explanation = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    RequestedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AppliedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DiscardedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SolveMilliseconds = table.Column<long>(type: "bigint", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    Assignments = table.Column<string>(type: "jsonb", nullable: true),
                    Loads = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssignmentRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssignmentRuns_People_RequestedById",
                        column: x => x.RequestedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssignmentRuns_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Bids",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Value = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UpdatedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bids", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Bids_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Bids_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Bids_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CommitteeInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Affiliation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    InvitedById = table.Column<Guid>(type: "uuid", nullable: false),
                    AcceptedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcceptedById = table.Column<Guid>(type: "uuid", nullable: true),
                    DeclinedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitteeInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommitteeInvitations_People_InvitedById",
                        column: x => x.InvitedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CommitteeInvitations_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Conflicts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    DecidedById = table.Column<Guid>(type: "uuid", nullable: true),
                    ChairReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ConfirmedByChair = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Conflicts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Conflicts_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Conflicts_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Conflicts_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrganisationAliases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Alias = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Canonical = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DisplayAlias = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DisplayCanonical = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationAliases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReviewAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: true),
                    Affinity = table.Column<double>(type: "double precision", nullable: true),
                    AssignedById = table.Column<Guid>(type: "uuid", nullable: true),
                    AssignedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewAssignments_AssignmentRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "AssignmentRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ReviewAssignments_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewAssignments_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReviewAssignments_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentRuns_RequestedById",
                table: "AssignmentRuns",
                column: "RequestedById");

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentRuns_TrackId_CreatedUtc",
                table: "AssignmentRuns",
                columns: new[] { "TrackId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Bids_PersonId",
                table: "Bids",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Bids_SubmissionId_PersonId",
                table: "Bids",
                columns: new[] { "SubmissionId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Bids_TrackId_PersonId",
                table: "Bids",
                columns: new[] { "TrackId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeInvitations_InvitedById",
                table: "CommitteeInvitations",
                column: "InvitedById");

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeInvitations_TokenHash",
                table: "CommitteeInvitations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeInvitations_TrackId_Email",
                table: "CommitteeInvitations",
                columns: new[] { "TrackId", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_Conflicts_PersonId_SubmissionId",
                table: "Conflicts",
                columns: new[] { "PersonId", "SubmissionId" },
                filter: "\"Active\"");

            migrationBuilder.CreateIndex(
                name: "IX_Conflicts_SubmissionId_PersonId_Kind",
                table: "Conflicts",
                columns: new[] { "SubmissionId", "PersonId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Conflicts_TrackId",
                table: "Conflicts",
                column: "TrackId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationAliases_Alias",
                table: "OrganisationAliases",
                column: "Alias",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAssignments_PersonId_TrackId",
                table: "ReviewAssignments",
                columns: new[] { "PersonId", "TrackId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAssignments_RunId",
                table: "ReviewAssignments",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAssignments_SubmissionId_PersonId",
                table: "ReviewAssignments",
                columns: new[] { "SubmissionId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAssignments_TrackId",
                table: "ReviewAssignments",
                column: "TrackId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Bids");

            migrationBuilder.DropTable(
                name: "CommitteeInvitations");

            migrationBuilder.DropTable(
                name: "Conflicts");

            migrationBuilder.DropTable(
                name: "OrganisationAliases");

            migrationBuilder.DropTable(
                name: "ReviewAssignments");

            migrationBuilder.DropTable(
                name: "AssignmentRuns");

            migrationBuilder.DropColumn(
                name: "ConflictLookbackYears",
                table: "Tracks");

            migrationBuilder.DropColumn(
                name: "ReviewPhaseStartedUtc",
                table: "Tracks");

            migrationBuilder.DropColumn(
                name: "Affiliations",
                table: "CommitteeMembers");

            migrationBuilder.DropColumn(
                name: "EmailDomains",
                table: "CommitteeMembers");

            migrationBuilder.DropColumn(
                name: "ExpertiseKeywords",
                table: "CommitteeMembers");

            migrationBuilder.DropColumn(
                name: "ExpertiseTopics",
                table: "CommitteeMembers");

            migrationBuilder.DropColumn(
                name: "MaxLoad",
                table: "CommitteeMembers");
        }
    }
}
