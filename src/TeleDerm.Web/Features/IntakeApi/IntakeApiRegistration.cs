using Microsoft.AspNetCore.Authentication;
using Microsoft.OpenApi;
using TeleDerm.Core.Administration;

namespace TeleDerm.Web.Features.IntakeApi;

public static class IntakeApiRegistration
{
    public const string OpenApiPath = "/api/v1/openapi.json";

    /// <summary>API keys, their authentication scheme, the JSON conventions and the OpenAPI document.</summary>
    public static void AddIntakeApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PracticeApiKeys>();
        builder.Services.AddSingleton<ApiProblems>();
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, PracticeApiKeyAuthentication>(PracticeApiKeyAuthentication.SchemeName, null);
        builder.Services.ConfigureHttpJsonOptions(o => IntakeApiJson.Configure(o.SerializerOptions));
        builder.Services.AddOpenApi("v1", o =>
        {
            // Only the API: pages and account endpoints are not for practice software.
            o.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "TeleDerm intake API",
                    Version = "v1",
                    Description = "Practice software submits tele-expertise requests and follows their status. Authenticate with the practice's API key.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "The practice's API key (tdk_…), also accepted as the X-Api-Key header.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] }];
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                if (context.Description.HttpMethod == "POST")
                {
                    var request = await context.GetOrCreateSchemaAsync(typeof(ApiCaseRequest), null, cancellationToken);
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Description = "A part named \"request\" with the JSON request, and one part per photo, named as the request's lesions[].photos[].file says.",
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["multipart/form-data"] = new OpenApiMediaType
                            {
                                Schema = new OpenApiSchema
                                {
                                    Type = JsonSchemaType.Object,
                                    Required = new HashSet<string> { IntakeApiEndpoints.RequestPart },
                                    Properties = new Dictionary<string, IOpenApiSchema> { [IntakeApiEndpoints.RequestPart] = request },
                                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "A photo: JPEG, PNG, HEIC or DICOM." },
                                },
                                Encoding = new Dictionary<string, OpenApiEncoding> { [IntakeApiEndpoints.RequestPart] = new OpenApiEncoding { ContentType = "application/json" } },
                            },
                        },
                    };
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = IntakeApiEndpoints.IdempotencyHeader, In = ParameterLocation.Header, Required = true,
                        Description = "A unique key per request (1 to 100 visible ASCII characters); send the same key when retrying.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 100 },
                    });
                }
            });
        });
    }

    public static void MapIntakeApiEndpoints(this WebApplication app)
    {
        app.MapIntakeApi();
        app.MapReportApi();
        app.MapOpenApi(OpenApiPath).AllowAnonymous();
    }
}
