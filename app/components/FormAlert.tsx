/** An error for a form, announced when it appears. */
export function FormAlert({ title, message, id }: { title: string; message: string; id?: string }) {
  return (
    <div role="alert" className="alert alert-error" id={id}>
      <p className="alert-title">{title}</p>
      <p>{message}</p>
    </div>
  );
}
