using System.Net;
using System.Xml;
using System.Xml.Linq;

namespace Pitr.Adapters.Aws.Rds;

/// <summary>The RDS Query protocol: form-encoded POST, XML answers, <c>ErrorResponse</c> faults.</summary>
internal sealed class RdsClient(AwsTransport transport)
{
    /// <returns>The <c>&lt;ActionResult&gt;</c> element of the answer.</returns>
    public async Task<XElement> CallAsync(RdsForm form, CancellationToken cancellationToken)
    {
        var body = await transport.SendAsync(form.Action, endpoint => new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(form.Fields),
        }, cancellationToken);
        var root = XDocument.Parse(body).Root ?? throw new FormatException($"RDS {form.Action} answered an empty document.");
        return root.Child($"{form.Action}Result") ?? root;
    }

    public async Task<RdsCluster?> FindClusterAsync(string identifier, CancellationToken cancellationToken)
    {
        try
        {
            var result = await CallAsync(new RdsForm("DescribeDBClusters").Add("DBClusterIdentifier", identifier), cancellationToken);
            return result.Child("DBClusters")?.Children("DBCluster").Select(RdsCluster.Parse).FirstOrDefault();
        }
        catch (AwsApiException e) when (e.Code == "DBClusterNotFoundFault")
        {
            return null;
        }
    }

    public async Task<RdsInstance?> FindInstanceAsync(string identifier, CancellationToken cancellationToken)
    {
        try
        {
            var result = await CallAsync(new RdsForm("DescribeDBInstances").Add("DBInstanceIdentifier", identifier), cancellationToken);
            return result.Child("DBInstances")?.Children("DBInstance").Select(RdsInstance.Parse).FirstOrDefault();
        }
        catch (AwsApiException e) when (e.Code is "DBInstanceNotFound" or "DBInstanceNotFoundFault")
        {
            return null;
        }
    }

    public async Task<RdsCluster> GetClusterAsync(string identifier, CancellationToken cancellationToken) =>
        await FindClusterAsync(identifier, cancellationToken)
        ?? throw new AwsApiException($"The DB cluster '{identifier}' does not exist in this account and region. Check the database's Rds:SourceIdentifier and Rds:Region.");

    public async Task<RdsInstance> GetInstanceAsync(string identifier, CancellationToken cancellationToken) =>
        await FindInstanceAsync(identifier, cancellationToken)
        ?? throw new AwsApiException($"The DB instance '{identifier}' does not exist in this account and region. Check the database's Rds:SourceIdentifier and Rds:Region.");

    public static AwsFault ParseFault(HttpStatusCode status, string body)
    {
        try
        {
            var error = XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            if (error?.Text("Code") is { Length: > 0 } code)
            {
                return new AwsFault(code, error.Text("Message") ?? "", status);
            }
        }
        catch (XmlException)
        {
            // Not XML: a proxy or load balancer answered; fall through to the status code.
        }

        return new AwsFault($"Http{(int)status}", body.Length > 200 ? body[..200] : body, status);
    }
}
