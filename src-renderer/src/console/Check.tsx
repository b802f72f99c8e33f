// A labelled checkbox: the label wraps the box, so clicking the words ticks it.
export function Check({
  label,
  testId,
  checked,
  title,
  onChange,
}: {
  label: string;
  testId: string;
  checked: boolean;
  title?: string;
  onChange(checked: boolean): void;
}) {
  return (
    <label className="check" title={title}>
      <input type="checkbox" data-testid={testId} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}
