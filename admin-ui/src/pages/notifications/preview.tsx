// A rendered message as the customer sees it: the subject, then the HTML (sandboxed) or the text.

export interface RenderedMessage {
  subject?: string
  html?: string
  text: string
}

export function MessagePreview({ preview, title }: { preview: RenderedMessage; title: string }) {
  return (
    <>
      {preview.subject && (
        <p>
          <strong>Subject:</strong> {preview.subject}
        </p>
      )}
      {preview.html ? (
        <iframe title={title} className="preview" sandbox="" srcDoc={preview.html} />
      ) : (
        <pre className="preview-text">{preview.text}</pre>
      )}
    </>
  )
}
