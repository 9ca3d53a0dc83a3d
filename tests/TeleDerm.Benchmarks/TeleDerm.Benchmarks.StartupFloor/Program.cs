// The floor of tests/TeleDerm.Benchmarks/startup/run.sh: the .NET runtime and ASP.NET Core's host starting and
// answering one page at the sign-in page's path, with nothing of TeleDerm (no database, keys, model or components).
var app = WebApplication.CreateSlimBuilder(args).Build();
app.MapGet("/account/login", () => Results.Content("<!DOCTYPE html><title>floor</title><p>sign in</p>", "text/html"));
app.Run();
