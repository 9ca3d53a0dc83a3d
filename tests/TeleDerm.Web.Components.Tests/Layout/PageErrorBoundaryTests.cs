using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Web.Components;
using TeleDerm.Web.Components.Tests.Support;

namespace TeleDerm.Web.Components.Tests.Layout;

/// <summary>A page whose handler throws says so in the reader's language and comes back, instead of freezing.</summary>
public sealed class PageErrorBoundaryTests : ComponentTestContext
{
    private static RenderFragment PageWithFailingCommand => builder =>
    {
        builder.OpenComponent<FailingPage>(0);
        builder.CloseComponent();
    };

    /// <summary>A page whose one command throws, as a command does when its database goes away.</summary>
    private sealed class FailingPage : ComponentBase
    {
        public static int Clicks;

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "data-testid", "command");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create(this, () =>
            {
                Interlocked.Increment(ref Clicks);
                throw new InvalidOperationException("the database went away");
            }));
            builder.AddContent(3, "Ask the GP");
            builder.CloseElement();
        }
    }

    [Fact]
    public void A_failing_command_shows_the_notice_in_place_of_the_page_and_the_button_shows_the_page_again()
    {
        UseLanguage("fr");
        var page = Context.Render<PageErrorBoundary>(p => p.Add(b => b.ChildContent, PageWithFailingCommand));

        var before = FailingPage.Clicks;
        page.Find("[data-testid=command]").Click();

        Assert.Equal(before + 1, FailingPage.Clicks);
        var notice = page.Find("[data-testid=page-error]");
        Assert.Equal("alert", notice.GetAttribute("role"));
        Assert.Contains("Cette partie de la page s’est arrêtée sur une erreur", notice.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=command]"));

        page.Find("[data-testid=page-error-retry]").Click();
        Assert.Empty(page.FindAll("[data-testid=page-error]"));
        page.Find("[data-testid=command]").Click();
        Assert.Equal(before + 2, FailingPage.Clicks);
        Assert.Single(page.FindAll("[data-testid=page-error]"));
    }

    [Fact]
    public void Going_to_another_page_leaves_the_notice_behind()
    {
        var page = Context.Render<PageErrorBoundary>(p => p.Add(b => b.ChildContent, PageWithFailingCommand));
        page.Find("[data-testid=command]").Click();
        Assert.Contains("This part of the page stopped on an error", page.Find("[data-testid=page-error]").TextContent, StringComparison.Ordinal);

        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("worklist");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=page-error]")));
        Assert.Single(page.FindAll("[data-testid=command]"));
    }
}
