using ReviewPortal.Planning.Assignment;

namespace ReviewPortal.UnitTests.Planning;

public sealed class InfeasibilityExplanationTests
{
    private static readonly string[] Talks = [.. Enumerable.Range(0, 60).Select(i => $"Talk {i}")];
    private static readonly string[] Members = [.. Enumerable.Range(0, 30).Select(i => $"Member {i}")];

    private static List<Candidate> Everyone(int proposals, int reviewers, Func<int, int, bool>? allowed = null)
        => [.. Enumerable.Range(0, proposals).SelectMany(p => Enumerable.Range(0, reviewers)
            .Where(r => allowed?.Invoke(p, r) ?? true).Select(r => new Candidate(p, r, 1)))];

    private static AssignmentProblem Problem(int n, int m, int k, int min, int max, List<Candidate> candidates, IReadOnlyList<(int, int)>? fixedPairs = null)
        => new(n, m, k, [.. Enumerable.Repeat(min, m)], [.. Enumerable.Repeat(max, m)], candidates, fixedPairs ?? [],
            ProposalLabels: Talks, ReviewerLabels: Members);

    [Fact]
    public void Too_little_total_capacity_is_stated_with_both_numbers()
    {
        // 39 talks × 3 reviewers = 117 reviews; 7 members × 3 = 21.
        var problem = Problem(39, 7, 3, 0, 3, Everyone(39, 7));

        var solution = ReviewerAssignmentSolver.Solve(problem);

        Assert.Equal(AssignmentOutcome.Infeasible, solution.Outcome);
        var why = solution.Infeasibility!;
        Assert.Contains("Total capacity 21 < required 117", why.Summary);
        Assert.Equal(117, why.RequiredReviews);
        Assert.Equal(21, why.Capacity);
        Assert.Equal(96, why.MissingReviews);
        Assert.Equal(7, why.SaturatedReviewers.Count);
    }

    [Fact]
    public void Proposals_with_too_few_conflict_free_reviewers_are_named_with_their_counts()
    {
        // Talks 1, 4 and 7 have only two conflict-free members (0 and 1); everyone else may review anything.
        var shortTalks = new[] { 1, 4, 7 };
        var problem = Problem(10, 6, 3, 0, 10, Everyone(10, 6, (p, r) => !shortTalks.Contains(p) || r < 2));

        var solution = ReviewerAssignmentSolver.Solve(problem);

        var why = solution.Infeasibility!;
        Assert.Contains("3 proposals have fewer than 3 conflict-free reviewers with room left: Talk 1 (2), Talk 4 (2), Talk 7 (2).", why.Summary);
        Assert.Equal(shortTalks, why.Proposals.Select(s => s.Proposal).Order());
        Assert.All(why.Proposals, s => Assert.Equal((2, 3, true), (s.Available, s.Needed, s.ShortOnItsOwn)));
        Assert.Equal(3, why.MissingReviews);
        Assert.Contains("In all, 3 reviews cannot be placed.", why.Summary);
    }

    [Fact]
    public void A_reviewer_already_full_does_not_count_as_available()
    {
        // Talk 0 may be reviewed by members 0, 1, 2 only, and member 2 is at their maximum through manual assignments.
        var problem = Problem(4, 5, 3, 0, 4, Everyone(4, 5, (p, r) => p != 0 || r <= 2), [(1, 2), (2, 2), (3, 2)]) with
        {
            MaxLoad = [4, 4, 3, 4, 4],
        };

        var solution = ReviewerAssignmentSolver.Solve(problem);

        var why = solution.Infeasibility!;
        var talk0 = Assert.Single(why.Proposals, s => s.ShortOnItsOwn);
        Assert.Equal((0, 2, 3), (talk0.Proposal, talk0.Available, talk0.Needed));
        Assert.Contains("Talk 0 (2)", why.Summary);
    }

    [Fact]
    public void A_shared_bottleneck_names_the_proposals_and_the_members_at_their_maximum()
    {
        // Talks 0–3 may each be reviewed by members 0, 1, 2 only (3 each: enough alone), but those three can take
        // 3 reviews each: 9 < 12. The other talks have plenty of reviewers.
        var problem = Problem(8, 8, 3, 0, 3, Everyone(8, 8, (p, r) => p >= 4 || r < 3));

        var solution = ReviewerAssignmentSolver.Solve(problem);

        var why = solution.Infeasibility!;
        Assert.Equal([0, 1, 2, 3], why.Proposals.Select(s => s.Proposal).Order());
        Assert.All(why.Proposals, s => Assert.False(s.ShortOnItsOwn));
        Assert.Equal([0, 1, 2], why.SaturatedReviewers);
        Assert.Equal(3, why.MissingReviews);
        Assert.Contains("Together, 4 proposals (Talk 0, Talk 1, Talk 2, Talk 3) need 12 more reviews but can get at most 9", why.Summary);
        Assert.Contains("3 of them are at their maximum load (Member 0, Member 1, Member 2)", why.Summary);
    }

    [Fact]
    public void A_proposal_short_of_candidates_does_not_hide_a_shared_bottleneck_elsewhere()
    {
        // Talk 9 has only two conflict-free members (counting sees it at once, so the flow is skipped); talks 0–3 also
        // share members 0, 1, 2, who can take 9 of their 12 reviews. The minimum cut names both, as when the flow runs.
        var problem = Problem(10, 8, 3, 0, 3, Everyone(10, 8, (p, r) => p == 9 ? r is 6 or 7 : p >= 4 || r < 3)) with
        {
            MaxLoad = [3, 3, 3, 10, 10, 10, 10, 10],
        };

        var solution = ReviewerAssignmentSolver.Solve(problem);

        var why = solution.Infeasibility!;
        Assert.Contains(why.Proposals, s => s.Proposal == 9 && s.ShortOnItsOwn && s.Available == 2);
        Assert.Equal([0, 1, 2, 3, 9], why.Proposals.Select(s => s.Proposal).Order());
        Assert.Equal(4, why.MissingReviews);
    }

    [Fact]
    public void A_minimum_load_that_cannot_be_met_names_the_member()
    {
        // Member 5 must review at least 2 talks but is conflicted with all but one.
        var problem = Problem(6, 6, 2, 0, 6, Everyone(6, 6, (p, r) => r != 5 || p == 0)) with
        {
            MinLoad = [0, 0, 0, 0, 0, 2],
        };

        var solution = ReviewerAssignmentSolver.Solve(problem);

        var why = solution.Infeasibility!;
        var member = Assert.Single(why.UnderloadedReviewers);
        Assert.Equal((5, 1, 2), (member.Reviewer, member.Available, member.Needed));
        Assert.Contains("1 reviewer may review fewer proposals than their minimum load: Member 5 (1 < 2).", why.Summary);
        Assert.Equal(1, why.MissingReviews);
    }

    [Fact]
    public void Minimum_loads_that_together_exceed_what_their_proposals_can_give_are_explained_as_a_group()
    {
        // Members 0–2 must take 3 reviews each (9), but may review only talks 0–3 (k = 2: at most 8 reviews).
        // Each alone has 4 proposals ≥ 3, so only the group argument explains it.
        var problem = Problem(6, 6, 2, 0, 6, Everyone(6, 6, (p, r) => r >= 3 || p < 4)) with
        {
            MinLoad = [3, 3, 3, 0, 0, 0],
        };

        var solution = ReviewerAssignmentSolver.Solve(problem);

        var why = solution.Infeasibility!;
        Assert.Equal([0, 1, 2], why.UnderloadedReviewers.Select(s => s.Reviewer).Order());
        Assert.Equal(1, why.MissingReviews);
        Assert.Contains("Together, 3 reviewers (Member 0, Member 1, Member 2) must take at least 9 more reviews (their minimum loads) but the proposals they may review can give them at most 8", why.Summary);
    }

    [Fact]
    public void Minimum_loads_above_the_required_reviews_are_stated_with_both_numbers()
    {
        var problem = Problem(4, 6, 2, 2, 3, Everyone(4, 6));

        var solution = ReviewerAssignmentSolver.Solve(problem);

        var why = solution.Infeasibility!;
        Assert.Contains("Minimum loads add up to 12 reviews but only 8 are required", why.Summary);
        Assert.Equal(12, why.MinimumLoadDemand);
    }

    [Fact]
    public void More_manual_assignments_than_k_are_reported_not_silently_dropped()
    {
        var problem = Problem(2, 4, 1, 0, 4, Everyone(2, 4), [(0, 0), (0, 1)]);

        var solution = ReviewerAssignmentSolver.Solve(problem);

        var why = solution.Infeasibility!;
        Assert.Contains("1 proposal has more manual assignments than k = 1: Talk 0 (2)", why.Summary);
    }

    [Fact]
    public void On_random_instances_the_missing_count_is_exactly_what_exhaustive_search_cannot_place()
    {
        // With no minimum loads, "cannot be placed" must equal k·n minus the largest partial assignment respecting k and
        // the maximum loads; the largest partial assignment is found here by brute force.
        var checkedCount = 0;
        foreach (var problem in RandomProblems.Generate(seed: 5, count: 300).Select(p => p with { MinLoad = [.. p.MinLoad.Select(_ => 0)] }))
        {
            var solution = ReviewerAssignmentSolver.Solve(problem);
            if (solution.Outcome != AssignmentOutcome.Infeasible || solution.Infeasibility!.MissingReviews == 0)
            {
                continue;
            }

            checkedCount++;
            var placeable = LargestPartialAssignment(problem);
            Assert.Equal((long)problem.ProposalCount * problem.ReviewersPerProposal - placeable, solution.Infeasibility.MissingReviews);
        }

        Assert.True(checkedCount > 10, $"only {checkedCount} infeasible instances");
    }

    private static int LargestPartialAssignment(AssignmentProblem problem)
    {
        int n = problem.ProposalCount, k = problem.ReviewersPerProposal;
        var fixedSet = problem.Fixed.ToHashSet();
        var load = new int[problem.ReviewerCount];
        foreach (var (_, r) in problem.Fixed)
        {
            load[r]++;
        }

        var need = Enumerable.Range(0, n).Select(p => k - problem.Fixed.Count(f => f.Proposal == p)).ToArray();
        var allowed = Enumerable.Range(0, n).Select(p => problem.Candidates.Where(c => c.Proposal == p && !fixedSet.Contains((p, c.Reviewer)))
            .Select(c => c.Reviewer).Distinct().ToArray()).ToArray();
        var best = 0;
        Recurse(0, 0);
        return best + problem.Fixed.Count;

        // Proposal by proposal, every subset of its allowed reviewers of size ≤ its need, pruned by what is left to gain.
        void Recurse(int p, int placed)
        {
            var stillPossible = Enumerable.Range(p, n - p).Sum(q => Math.Min(need[q], allowed[q].Length));
            if (placed + stillPossible <= best)
            {
                return;
            }

            if (p == n)
            {
                best = placed;
                return;
            }

            Choose(0, need[p]);

            void Choose(int from, int left)
            {
                Recurse(p + 1, placed + need[p] - left);
                if (left == 0)
                {
                    return;
                }

                for (var i = from; i < allowed[p].Length; i++)
                {
                    var r = allowed[p][i];
                    if (load[r] < problem.MaxLoad[r])
                    {
                        load[r]++;
                        Choose(i + 1, left - 1);
                        load[r]--;
                    }
                }
            }
        }
    }
}
