using Mediator;
using ReviewPortal.Application.Common.Behaviours;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.UnitTests.Support;

namespace ReviewPortal.UnitTests.Behaviours;

public sealed class AuthorizationBehaviourTests
{
    private const string Handled = "handled";

    private int handlerCalls;

    private ValueTask<string> Send<TMessage>(TMessage message, ICurrentUser user)
        where TMessage : IMessage
    {
        var behaviour = new AuthorizationBehaviour<TMessage, string>(user);
        return behaviour.Handle(message, Next, TestContext.Current.CancellationToken);
    }

    private ValueTask<string> Next<TMessage>(TMessage message, CancellationToken cancellationToken)
    {
        handlerCalls++;
        return ValueTask.FromResult(Handled);
    }

    [Fact]
    public async Task An_anonymous_caller_must_sign_in_for_an_ordinary_command()
    {
        await Assert.ThrowsAsync<UnauthenticatedException>(
            async () => await Send(new SignedInCommand(), FakeCurrentUser.Anonymous()));

        Assert.Equal(0, handlerCalls);
    }

    [Fact]
    public async Task A_signed_in_caller_may_send_an_ordinary_command()
    {
        var result = await Send(new SignedInCommand(), FakeCurrentUser.SignedIn());

        Assert.Equal(Handled, result);
        Assert.Equal(1, handlerCalls);
    }

    [Fact]
    public async Task An_anonymous_caller_may_send_a_message_that_allows_anonymous_access()
    {
        var result = await Send(new AnonymousQuery(), FakeCurrentUser.Anonymous());

        Assert.Equal(Handled, result);
        Assert.Equal(1, handlerCalls);
    }

    [Fact]
    public async Task A_signed_in_caller_without_the_admin_role_is_forbidden_an_admin_command()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(
            async () => await Send(new AdminCommand(), FakeCurrentUser.SignedIn("Reviewer")));

        Assert.Equal(0, handlerCalls);
    }

    [Fact]
    public async Task An_anonymous_caller_of_an_admin_command_is_asked_to_sign_in_rather_than_forbidden()
    {
        await Assert.ThrowsAsync<UnauthenticatedException>(
            async () => await Send(new AdminCommand(), FakeCurrentUser.Anonymous()));

        Assert.Equal(0, handlerCalls);
    }

    [Fact]
    public async Task An_admin_may_send_an_admin_command()
    {
        var result = await Send(new AdminCommand(), FakeCurrentUser.SignedIn(Roles.Admin));

        Assert.Equal(Handled, result);
    }

    [Fact]
    public async Task A_role_name_differing_in_case_does_not_grant_the_role()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(
            async () => await Send(new AdminCommand(), FakeCurrentUser.SignedIn("admin")));
    }

    [Fact]
    public async Task A_message_derived_from_an_admin_command_is_still_admin_only()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(
            async () => await Send(new DerivedAdminCommand(), FakeCurrentUser.SignedIn()));

        var result = await Send(new DerivedAdminCommand(), FakeCurrentUser.SignedIn(Roles.Admin));
        Assert.Equal(Handled, result);
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData("Auditor")]
    public async Task Any_one_of_the_roles_listed_in_one_attribute_is_enough(string role)
    {
        var result = await Send(new AdminOrAuditorQuery(), FakeCurrentUser.SignedIn(role));

        Assert.Equal(Handled, result);
    }

    [Fact]
    public async Task None_of_the_roles_listed_in_one_attribute_is_forbidden()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(
            async () => await Send(new AdminOrAuditorQuery(), FakeCurrentUser.SignedIn("Reviewer")));
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData("Auditor")]
    public async Task Each_authorize_attribute_must_be_satisfied(string onlyRole)
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(
            async () => await Send(new AdminAndAuditorCommand(), FakeCurrentUser.SignedIn(onlyRole)));

        Assert.Equal(0, handlerCalls);
    }

    [Fact]
    public async Task A_caller_with_all_required_roles_passes_several_authorize_attributes()
    {
        var result = await Send(new AdminAndAuditorCommand(), FakeCurrentUser.SignedIn(Roles.Admin, "Auditor"));

        Assert.Equal(Handled, result);
    }

    [Fact]
    public async Task The_system_may_send_a_system_only_command()
    {
        var result = await Send(new SystemOnlyCommand(), FakeCurrentUser.System());

        Assert.Equal(Handled, result);
        Assert.Equal(1, handlerCalls);
    }

    [Fact]
    public async Task The_system_acts_with_full_rights_on_role_restricted_commands()
    {
        Assert.Equal(Handled, await Send(new AdminCommand(), FakeCurrentUser.System()));
        Assert.Equal(Handled, await Send(new AdminAndAuditorCommand(), FakeCurrentUser.System()));
        Assert.Equal(Handled, await Send(new SignedInCommand(), FakeCurrentUser.System()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_signed_in_person_may_not_send_a_system_only_command_even_as_admin(bool isAdmin)
    {
        var user = isAdmin ? FakeCurrentUser.SignedIn(Roles.Admin) : FakeCurrentUser.SignedIn();

        await Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Send(new SystemOnlyCommand(), user));

        Assert.Equal(0, handlerCalls);
    }

    [Fact]
    public async Task An_anonymous_caller_of_a_system_only_command_is_forbidden_since_signing_in_would_not_help()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(
            async () => await Send(new SystemOnlyCommand(), FakeCurrentUser.Anonymous()));

        Assert.Equal(0, handlerCalls);
    }
}
