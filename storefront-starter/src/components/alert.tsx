// A form's error, announced to screen readers as it appears.
export function Alert({ message }: { message?: string }) {
  return message ? (
    <p role="alert" className="error">
      {message}
    </p>
  ) : null
}
