using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using TeleDerm.Web.Accounts;

namespace TeleDerm.Security.Tests;

/// <summary>
/// Every page says who may open it: a named policy, or explicitly anyone. A page relying on the fallback
/// policy would quietly let any signed-in role in (an administrator onto a case page, say).
/// </summary>
public sealed class PagePolicyTests
{
    private static readonly string[] KnownPolicies = [.. typeof(Policies).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>();
        foreach (var type in typeof(Policies).Assembly.GetTypes().Where(t => t.GetCustomAttributes(typeof(RouteAttribute), false).Length > 0))
        {
            pages.Add(type.FullName!);
        }
        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_page_declares_a_named_policy_or_anonymous_access(string pageType)
    {
        var type = typeof(Policies).Assembly.GetType(pageType)!;
        var anonymous = type.GetCustomAttributes(typeof(AllowAnonymousAttribute), true).Length > 0;
        var policies = type.GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>().Select(a => a.Policy).ToList();

        Assert.True(anonymous || policies.Count > 0, $"{pageType} declares no policy");
        Assert.All(policies, p => Assert.Contains(p, KnownPolicies));
    }

    [Fact]
    public void The_walk_finds_the_pages()
    {
        Assert.True(Pages().Count >= 20, "expected every routable page of the web host");
    }
}
