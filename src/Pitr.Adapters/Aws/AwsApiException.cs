using System.Net;

namespace Pitr.Adapters.Aws;

/// <summary>An AWS call that failed for good. <see cref="Exception.Message"/> tells an operator what to do about it.</summary>
public sealed class AwsApiException : Exception
{
    public AwsApiException()
    {
    }

    public AwsApiException(string message)
        : base(message)
    {
    }

    public AwsApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal AwsApiException(AwsFault fault, string iamAction, int attempts, Exception? innerException = null)
        : base(AwsFaultMessages.Explain(fault, iamAction, attempts), innerException)
    {
        Code = fault.Code;
        ServiceMessage = fault.Message;
        StatusCode = fault.Status;
        IamAction = iamAction;
    }

    /// <summary>The service's error code, e.g. <c>InvalidRestoreFault</c>.</summary>
    public string Code { get; } = "";

    /// <summary>What the service said, verbatim.</summary>
    public string ServiceMessage { get; } = "";

    public HttpStatusCode? StatusCode { get; }

    /// <summary>The IAM action of the failed call, e.g. <c>rds:RestoreDBClusterToPointInTime</c>.</summary>
    public string IamAction { get; } = "";
}

/// <summary>An error answer from an AWS service, or a transport failure (no status).</summary>
internal sealed record AwsFault(string Code, string Message, HttpStatusCode? Status);
