// A titled block of the detail pages: denser than a Card, same look everywhere.
import type { ReactNode } from 'react';

export function Section({
  title,
  extra,
  children,
  className,
}: {
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={className ? `section ${className}` : 'section'}>
      <header className="section-head">
        <h3 className="section-title">{title}</h3>
        {extra && <div className="section-extra">{extra}</div>}
      </header>
      <div className="section-body">{children}</div>
    </section>
  );
}
