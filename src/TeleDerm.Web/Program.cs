using TeleDerm.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddTeleDerm();

var app = builder.Build();
app.UseTeleDerm();
await app.Services.InitializeTeleDermAsync();
await app.RunAsync();

/// <summary>Entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
