using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace ReviewPortal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class OrganisationAliasSeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "OrganisationAliases",
                columns: new[] { "Id", "Alias", "Canonical", "DisplayAlias", "DisplayCanonical" },
                values: new object[,]
                {
                    { new Guid("0193a6e0-0000-7000-8000-000000000001"), "facebook", "meta", "Facebook", "Meta" },
                    { new Guid("0193a6e0-0000-7000-8000-000000000002"), "mellanox", "nvidia", "Mellanox", "NVIDIA" },
                    { new Guid("0193a6e0-0000-7000-8000-000000000003"), "twitter", "x", "Twitter", "X Corp." },
                    { new Guid("0193a6e0-0000-7000-8000-000000000004"), "alphabet", "google", "Alphabet", "Google" },
                    { new Guid("0193a6e0-0000-7000-8000-000000000005"), "isovalent", "cisco", "Isovalent", "Cisco" },
                    { new Guid("0193a6e0-0000-7000-8000-000000000006"), "github", "microsoft", "GitHub", "Microsoft" },
                    { new Guid("0193a6e0-0000-7000-8000-000000000007"), "linkedin", "microsoft", "LinkedIn", "Microsoft" },
                    { new Guid("0193a6e0-0000-7000-8000-000000000008"), "amazon web services", "amazon", "Amazon Web Services", "Amazon" },
                    { new Guid("0193a6e0-0000-7000-8000-000000000009"), "aws", "amazon", "AWS", "Amazon" },
                    { new Guid("0193a6e0-0000-7000-8000-00000000000a"), "sun microsystems", "oracle", "Sun Microsystems", "Oracle" }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "OrganisationAliases",
                keyColumn: "Id",
                keyValue: new Guid("0193a6e0-0000-7000-8000-000000000001"));

            migrationBuilder.DeleteData(
                table: "OrganisationAliases",
                keyColumn: "Id",
                keyValue: new Guid("0193a6e0-0000-7000-8000-000000000002"));

            migrationBuilder.DeleteData(
                table: "OrganisationAliases",
                keyColumn: "Id",
                keyValue: new Guid("0193a6e0-0000-7000-8000-000000000003"));

            migrationBuilder.DeleteData(
                table: "OrganisationAliases",
                keyColumn: "Id",
                keyValue: new Guid("0193a6e0-0000-7000-8000-000000000004"));

            migrationBuilder.DeleteData(
                table: "OrganisationAliases",
                keyColumn: "Id",
                keyValue: new Guid("0193a6e0-0000-7000-8000-000000000005"));

            migrationBuilder.DeleteData(
                table: "OrganisationAliases",
                keyColumn: "Id",
                keyValue: new Guid("0193a6e0-0000-7000-8000-000000000006"));

            migrationBuilder.DeleteData(
                table: "OrganisationAliases",
                keyColumn: "Id",
                keyValue: new Guid("0193a6e0-0000-7000-8000-000000000007"));

            migrationBuilder.DeleteData(
                table: "OrganisationAliases",
                keyColumn: "Id",
                keyValue: new Guid("0193a6e0-0000-7000-8000-000000000008"));

            migrationBuilder.DeleteData(
                table: "OrganisationAliases",
                keyColumn: "Id",
                keyValue: new Guid("0193a6e0-0000-7000-8000-000000000009"));

            migrationBuilder.DeleteData(
                table: "OrganisationAliases",
                keyColumn: "Id",
                keyValue: new Guid("0193a6e0-0000-7000-8000-00000000000a"));
        }
    }
}
