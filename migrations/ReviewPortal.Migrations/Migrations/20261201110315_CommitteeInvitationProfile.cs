using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewPortal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CommitteeInvitationProfile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "EmailDomains",
                table: "CommitteeInvitations",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<string>(
                name: "PastAffiliations",
                table: "CommitteeInvitations",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EmailDomains",
                table: "CommitteeInvitations");

            migrationBuilder.DropColumn(
                name: "PastAffiliations",
                table: "CommitteeInvitations");
        }
    }
}
