import * as React from 'react';

// `asChild` for our own components (Button, Badge): the one child element is rendered with the
// component's props merged into its own. Radix's Slot does the same; this one is ours because
// buttons are in every page's first JavaScript (#14's 150 KB budget) and need only the common
// case: the child's class names after ours (joined, as Radix does), both event handlers (the child's first), both refs.

type AnyProps = Record<string, unknown>;

function setRef<T>(ref: React.Ref<T> | undefined, value: T | null): void {
  if (typeof ref === 'function') ref(value);
  else if (ref) (ref as React.RefObject<T | null>).current = value;
}

export function Slot({ children, ...slotProps }: AnyProps & { children?: React.ReactNode }) {
  if (!React.isValidElement(children)) return null;
  const child = children as React.ReactElement<AnyProps>;
  const childProps = child.props;
  const merged: AnyProps = { ...slotProps, ...childProps };
  for (const key of Object.keys(slotProps)) {
    const ours = slotProps[key];
    const theirs = childProps[key];
    if (/^on[A-Z]/.test(key) && typeof ours === 'function' && typeof theirs === 'function') {
      merged[key] = (...args: unknown[]) => {
        const result = (theirs as (...a: unknown[]) => unknown)(...args);
        (ours as (...a: unknown[]) => unknown)(...args);
        return result;
      };
    } else if (key === 'className') merged.className = [ours, theirs].filter(Boolean).join(' ');
    else if (key === 'style') merged.style = { ...(ours as object), ...(theirs as object) };
  }
  const slotRef = slotProps.ref as React.Ref<unknown> | undefined;
  const childRef = childProps.ref as React.Ref<unknown> | undefined;
  if (slotRef && childRef) merged.ref = (node: unknown) => { setRef(slotRef, node); setRef(childRef, node); };
  return React.cloneElement(child, merged);
}
