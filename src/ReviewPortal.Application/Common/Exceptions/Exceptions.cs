namespace ReviewPortal.Application.Common.Exceptions;

/// <summary>404: the thing does not exist, or the caller may not know it exists (ids are not probed).</summary>
public sealed class NotFoundException(string message) : Exception(message)
{
    public static NotFoundException For(string what, object id) => new($"{what} {id} was not found.");
}

/// <summary>403: signed in, but not allowed to do this.</summary>
public sealed class ForbiddenAccessException(string message = "You are not allowed to do this.") : Exception(message);

/// <summary>401: this needs a signed-in user.</summary>
public sealed class UnauthenticatedException(string message = "Sign in to do this.") : Exception(message);

/// <summary>409: someone else changed the same thing first.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);
