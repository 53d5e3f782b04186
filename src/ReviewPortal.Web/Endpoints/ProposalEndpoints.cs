namespace ReviewPortal.Web.Endpoints;

/// <summary>Proposal endpoints (call for proposals and submissions).</summary>
internal static class ProposalEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        _ = api;
    }
}
