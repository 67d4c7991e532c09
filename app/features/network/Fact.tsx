import type { ReactNode } from 'react';

/** One row of a description list (`<dl className="details">`). */
export function Fact({ label, className, children }: { label: ReactNode; className?: string; children: ReactNode }) {
  return <div className="details-row"><dt>{label}</dt><dd className={className}>{children}</dd></div>;
}
