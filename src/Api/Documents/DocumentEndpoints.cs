using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Documents;
using PrivateLending.Hosting.Documents;

namespace PrivateLending.Api.Documents;

/// <summary>A loan's documents: upload (borrower), list, read, download, delete (borrower).</summary>
internal static class DocumentEndpoints
{
    private const string NotVisible = "No document with this id is visible to you.";

    /// <summary>Room for the form's other parts, boundaries and part headers on top of the file.</summary>
    private const long FormOverheadBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/api/v1/loans/{loan_id:guid}/documents").WithTags("Documents").RequireAuthorization();
        documents.MapPost("", UploadAsync)
            .WithName("UploadDocument")
            .WithSummary("Upload a document")
            .WithDescription("The borrower uploads one file as multipart/form-data: the part 'file' (PDF, PNG or JPEG by its bytes, at most "
                + "Documents:MaxBytes, 10 MB by default), an optional 'title' and 'kind' (identity, income, bank_statement or other; "
                + "default other). Over the limit is 413 (reading stops there); another type, or a declared type the bytes contradict, "
                + "is 415 UNSUPPORTED_MEDIA_TYPE; a PDF with JavaScript, launch actions or embedded files is 422 UNSAFE_DOCUMENT; "
                + "a malformed body is 400; more than 50 live documents is 409; more than 10 uploads a minute is 429. Nothing is kept "
                + "from a refused upload.")
            .Accepts<DocumentUploadForm>("multipart/form-data")
            .WithExamples(response: DocumentExamples.Document)
            .DisableAntiforgery()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType,
                StatusCodes.Status422UnprocessableEntity);
        documents.MapGet("", ListAsync)
            .WithName("ListDocuments")
            .WithExamples(response: DocumentExamples.Documents)
            .WithSummary("Documents")
            .WithDescription("The loan's live documents, oldest first (deleted ones are left out). Borrower or verified participant. "
                + "Page with limit and next_token.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        documents.MapGet("/{document_id:guid}", GetAsync)
            .WithName("GetDocument")
            .WithExamples(response: DocumentExamples.Document)
            .WithSummary("One document's metadata")
            .WithDescription("Borrower or verified participant; a deleted document is 404.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        documents.MapGet("/{document_id:guid}/content", ContentAsync)
            .WithName("GetDocumentContent")
            .WithSummary("A document's bytes")
            .WithDescription("The bytes as uploaded, as an attachment (Content-Disposition with filename*), with the verified type, "
                + "X-Content-Type-Options: nosniff and the SHA-256 as ETag (If-None-Match answers 304).")
            .Produces<Stream>(StatusCodes.Status200OK, FileTypes.Pdf, FileTypes.Png, FileTypes.Jpeg)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblems(StatusCodes.Status404NotFound);
        documents.MapDelete("/{document_id:guid}", DeleteAsync)
            .WithName("DeleteDocument")
            .WithSummary("Delete a document")
            .WithDescription("The borrower deletes an uploaded document: it leaves lists and content, its record stays for the audit. "
                + "The agreement cannot be deleted (403).")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Created<DocumentResponse>, ProblemHttpResult>> UploadAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, Caller caller, HttpContext context, IClusterClient cluster,
        IOptions<DocumentStorageSettings> settings, UploadLimiter limiter, IServiceProvider services)
    {
        var objects = services.GetService<IDocumentObjects>() ?? throw DocumentProblems.Unavailable();
        var maxBytes = settings.Value.MaxBytes;
        if (context.Request.ContentLength > maxBytes + FormOverheadBytes)
        {
            // Declared too large: answered before a byte is read (a client that sent Expect: 100-continue sends none).
            throw DocumentProblems.TooLarge(maxBytes);
        }

        var grain = cluster.GetGrain<ILoanDocumentGrain>(loanId);
        // Refusals that need no byte come first: who may upload, the loan's count, the user's pace.
        await grain.CheckUploadAsync(caller.Actor);
        if (limiter.TryStart(caller.UserId) is { } wait)
        {
            return ApiResults.TooManyRequests(context, wait, "At most so many uploads a minute. Retry after the given delay.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            // The file's own limit is enforced while spooling; this leaves room for the form's other parts and headers.
            bodyLimit.MaxRequestBodySize = maxBytes + FormOverheadBytes;
        }

        await using var form = await UploadForm.ReadAsync(context.Request, maxBytes, context.RequestAborted);
        var file = form.File!;
        var kind = DocumentKind.Other;
        if (form.Kind is { } kindName && !DocumentKinds.Uploadable.TryGetValue(kindName.Trim(), out kind))
        {
            throw ApiProblemException.Invalid("kind", "Must be identity, income, bank_statement or other.");
        }

        var contentType = CheckContent(file);
        var fileName = DisplayFileName.Of(file.DeclaredName, "document" + Extension(contentType));
        var title = DisplayFileName.Title(form.Title);
        var document = new AddDocument(caller.Actor, Guid.NewGuid(), kind, title.Length == 0 ? fileName : title, fileName, contentType,
            file.Length, file.Sha256, DocumentKeys.ForUpload(loanId));

        await objects.PutAsync(document.ObjectKey, file.OpenRead(), contentType, context.RequestAborted);
        DocumentView added;
        try
        {
            added = await grain.AddDocumentAsync(document);
        }
        catch
        {
            // A write that failed by time-out may still have landed: only then do the bytes stay.
            if (await RecordedAsync(grain, document) is { } recorded)
            {
                added = recorded;
            }
            else
            {
                // No object without metadata: the loan refused or its write failed, so the bytes go too.
                await objects.DeleteAsync(document.ObjectKey, CancellationToken.None);
                throw;
            }
        }

        return TypedResults.Created($"/api/v1/loans/{loanId}/documents/{added.DocumentId}", ToResponse(added));
    }

    private static async Task<Results<Ok<PageResponse<DocumentResponse>>, ProblemHttpResult>> ListAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, int? limit, [FromQuery(Name = "next_token")] string? nextToken,
        Caller caller, IClusterClient cluster, PageTokens pages)
    {
        var listing = $"loans/{loanId:N}/documents";
        var page = await cluster.GetGrain<ILoanDocumentGrain>(loanId)
            .GetDocumentsAsync(caller.Actor, pages.Request(limit, nextToken, caller.UserId, listing));
        return page is null
            ? ApiResults.NotFound("No loan with this id is visible to you.")
            : TypedResults.Ok(pages.Response(page, ToResponse, caller.UserId, listing));
    }

    private static async Task<Results<Ok<DocumentResponse>, ProblemHttpResult>> GetAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, [FromRoute(Name = "document_id")] Guid documentId, Caller caller, IClusterClient cluster)
    {
        var document = await cluster.GetGrain<ILoanDocumentGrain>(loanId).GetDocumentAsync(caller.Actor, documentId);
        return document is null ? ApiResults.NotFound(NotVisible) : TypedResults.Ok(ToResponse(document));
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ContentAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, [FromRoute(Name = "document_id")] Guid documentId, Caller caller,
        HttpContext context, IClusterClient cluster, IServiceProvider services)
    {
        var objects = services.GetService<IDocumentObjects>() ?? throw DocumentProblems.Unavailable();
        var document = await cluster.GetGrain<ILoanDocumentGrain>(loanId).GetDocumentAsync(caller.Actor, documentId);
        if (document is null || await objects.OpenAsync(document.ObjectKey, context.RequestAborted) is not { } content)
        {
            return ApiResults.NotFound(NotVisible);
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Stream(content, document.ContentType, document.FileName,
            entityTag: new EntityTagHeaderValue($"\"{document.Sha256}\""));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, [FromRoute(Name = "document_id")] Guid documentId, Caller caller, IClusterClient cluster)
    {
        // The bytes stay: a deleted document is kept for the audit, only hidden.
        await cluster.GetGrain<ILoanDocumentGrain>(loanId).DeleteDocumentAsync(new DeleteDocument(caller.Actor, documentId));
        return TypedResults.NoContent();
    }

    private static async Task<DocumentView?> RecordedAsync(ILoanDocumentGrain grain, AddDocument document)
    {
        try
        {
            return await grain.GetDocumentAsync(document.Actor, document.DocumentId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The type the bytes are; refused when none of PDF, PNG, JPEG, when the declared type disagrees, or a PDF is unsafe.</summary>
    private static string CheckContent(UploadedFile file)
    {
        var detected = FileTypes.Detect(file.Head)
            ?? throw DocumentProblems.Unsupported("Only PDF, PNG and JPEG files are accepted (judged by their bytes).");
        if (!FileTypes.Agrees(file.DeclaredType, detected))
        {
            throw DocumentProblems.Unsupported($"The file was declared as {file.DeclaredType} but its bytes are {detected}.");
        }

        if (detected == FileTypes.Pdf && PdfSafety.FindRisk(file.OpenRead()) is { } risk)
        {
            throw DocumentProblems.Unsafe(risk);
        }

        return detected;
    }

    private static string Extension(string contentType) => contentType switch
    {
        FileTypes.Pdf => ".pdf",
        FileTypes.Png => ".png",
        _ => ".jpg",
    };

    internal static DocumentResponse ToResponse(DocumentView d) => new(
        d.DocumentId, d.LoanId, DocumentKinds.Name(d.Kind), d.Title, d.FileName, d.ContentType, d.SizeBytes, d.Sha256, d.UploadedAt, d.UploadedBy);
}

/// <summary>The upload form as OpenAPI describes it.</summary>
/// <param name="File">The document: PDF, PNG or JPEG.</param>
/// <param name="Title">A title to show; the file name when absent.</param>
/// <param name="Kind">identity, income, bank_statement or other (default).</param>
public sealed record DocumentUploadForm(IFormFile File, string? Title = null, string? Kind = null);
