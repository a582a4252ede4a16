using System.Net.Http.Headers;
using System.Text;

namespace PrivateLending.Api.Tests.Infrastructure;

/// <summary>Upload requests and test files: PNG and JPEG by their magic bytes, small PDFs built with correct offsets.</summary>
public static class DocumentSteps
{
    public static byte[] Png(int size = 256, int seed = 1)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        byte[] magic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        magic.CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] Jpeg(int size = 256)
    {
        var bytes = new byte[size];
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        return bytes;
    }

    /// <summary>A one-page PDF; <paramref name="catalogExtra"/> goes into the catalog, <paramref name="objects"/> follow as 4 0 obj, 5 0 obj…</summary>
    public static byte[] Pdf(string catalogExtra = "", params string[] objects)
    {
        var body = new List<string>
        {
            $"<< /Type /Catalog /Pages 2 0 R {catalogExtra} >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        };
        body.AddRange(objects);
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < body.Count; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append($"{i + 1} 0 obj\n{body[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append($"xref\n0 {body.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }

        pdf.Append($"trailer\n<< /Size {body.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    public static HttpRequestMessage Upload(string loanId, string token, byte[] file, string fileName = "statement.png",
        string? contentType = "image/png", string? kind = "bank_statement", string? title = null)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        if (contentType is not null)
        {
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        form.Add(part, "file", fileName);
        if (kind is not null)
        {
            form.Add(new StringContent(kind), "kind");
        }

        if (title is not null)
        {
            form.Add(new StringContent(title), "title");
        }

        return Request(loanId, token, form);
    }

    public static HttpRequestMessage Request(string loanId, string token, HttpContent content) =>
        new(HttpMethod.Post, $"/api/v1/loans/{loanId}/documents")
        {
            Content = content,
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        };

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}
