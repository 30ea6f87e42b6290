using k8s.Models;

namespace Pitr.Adapters.Kubernetes;

internal static class LabelSelectors
{
    /// <summary>A workload's selector in the query syntax (<c>app=web,tier in (a,b)</c>).</summary>
    public static string Format(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return "";
        }

        var labels = (selector.MatchLabels ?? new Dictionary<string, string>()).Select(l => $"{l.Key}={l.Value}");
        var expressions = (selector.MatchExpressions ?? []).Select(e => e.OperatorProperty switch
        {
            "In" => $"{e.Key} in ({string.Join(',', e.Values)})",
            "NotIn" => $"{e.Key} notin ({string.Join(',', e.Values)})",
            "Exists" => e.Key,
            "DoesNotExist" => $"!{e.Key}",
            _ => throw new NotSupportedException($"label selector operator {e.OperatorProperty}"),
        });
        return string.Join(',', labels.Concat(expressions));
    }
}
