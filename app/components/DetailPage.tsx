/**
 * The frame of a page: an optional link back, the heading (which takes the
 * focus when the page is reached by navigation inside the app), an optional
 * introduction, then the page's content.
 */
import { useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useFocusOnNavigation } from '../lib/focus';

/** Where the page was reached from, or its parent page. */
export interface Back { to: string; label: string }

export function BackLink({ back }: { back: Back }) {
  return (
    <p className="back-link">
      <Link to={back.to}><span aria-hidden="true">← </span>{back.label}</Link>
    </p>
  );
}

export function DetailPage({ title, back, intro, className = 'page narrow', headingReady = true, children }: {
  title: ReactNode;
  back?: Back;
  intro?: ReactNode;
  className?: string;
  /** False while the heading is not the page's final one (the data is loading). */
  headingReady?: boolean;
  children?: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, headingReady);
  return (
    <div className={className}>
      {back && <BackLink back={back} />}
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {intro}
      {children}
    </div>
  );
}
