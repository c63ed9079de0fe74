// Which kind of style a Tailwind utility sets, so that cn() (./cn.ts) can let a later class of a
// kind replace an earlier one. It knows the utilities this app writes, with Tailwind 4's names;
// anything else answers null and is never dropped. `covers` lists the narrower kinds a class
// also sets: `p-4` sets `px` and `pt`, `size-8` sets `w` and `h`, `text-sm` sets the line height.

export interface ClassGroup { id: string; covers: readonly string[] }

const NONE: readonly string[] = [];
const COVERS: Record<string, readonly string[]> = {
  overflow: ['overflow-x', 'overflow-y'],
  inset: ['inset-x', 'inset-y', 'start', 'end', 'top', 'right', 'bottom', 'left'],
  'inset-x': ['start', 'end', 'right', 'left'],
  'inset-y': ['top', 'bottom'],
  flex: ['basis', 'grow', 'shrink'],
  gap: ['gap-x', 'gap-y'],
  size: ['w', 'h'],
  'font-size': ['leading'],
  'line-clamp': ['display', 'overflow'],
  translate: ['translate-x', 'translate-y', 'translate-none'],
  'translate-none': ['translate', 'translate-x', 'translate-y', 'translate-z'],
};
// Sides: `p` covers `px`…`pl`, `px` covers `ps`, `pe`, `pr`, `pl`; the same for margins, border widths and colours, and corners.
for (const [all, name] of [['p', 'p'], ['m', 'm'], ['border-w', 'border-w-'], ['border-color', 'border-color-']]) {
  const side = (s: string) => name + s;
  COVERS[all] = 'xysetrbl'.split('').map(side);
  COVERS[side('x')] = 'serl'.split('').map(side);
  COVERS[side('y')] = 'tb'.split('').map(side);
}
COVERS.rounded = 's e t r b l ss se ee es tl tr br bl'.split(' ').map((c) => `rounded-${c}`);
for (const [side, corners] of Object.entries({ s: 'ss es', e: 'se ee', t: 'tl tr', r: 'tr br', b: 'br bl', l: 'tl bl' })) {
  COVERS[`rounded-${side}`] = corners.split(' ').map((c) => `rounded-${c}`);
}

const group = (id: string): ClassGroup => ({ id, covers: COVERS[id] ?? NONE });

// Whole-word utilities.
const WORDS: Record<string, string> = {};
const words = (id: string, list: string) => list.split(' ').forEach((w) => (WORDS[w] = id));
words('display', 'block inline-block inline flex inline-flex table inline-table table-caption table-cell table-column table-column-group table-footer-group table-header-group table-row-group table-row flow-root grid inline-grid contents list-item hidden');
words('position', 'static fixed absolute relative sticky');
words('visibility', 'visible invisible collapse');
words('sr', 'sr-only not-sr-only');
words('text-decoration', 'underline overline line-through no-underline');
words('text-transform', 'uppercase lowercase capitalize normal-case');
words('font-style', 'italic not-italic');
words('text-overflow', 'truncate text-ellipsis text-clip');
words('fvn-spacing', 'tabular-nums proportional-nums');
words('filter', 'filter filter-none');
WORDS.grow = 'grow';
WORDS.shrink = 'shrink';
WORDS.container = 'container';

const SIZE = /^(xs|sm|base|lg|xl|[2-9]xl)$/;
const NUMBER = /^\d+(\.\d+)?$/;
const LENGTH = /^(\d+(\.\d+)?|\[\d[^\]]*\]|\(length:.*\))$/;
const SIDES = /^(x|y|s|e|t|r|b|l)$/;

/** The group for `rest` after a prefix whose values are all of one kind (`pt-2`, `w-full`, `z-10`). */
const SIMPLE = new Set([
  'p', 'px', 'py', 'ps', 'pe', 'pt', 'pr', 'pb', 'pl', 'm', 'mx', 'my', 'ms', 'me', 'mt', 'mr', 'mb', 'ml',
  'w', 'h', 'size', 'min-w', 'min-h', 'max-w', 'max-h', 'gap', 'gap-x', 'gap-y', 'space-x', 'space-y',
  'inset', 'inset-x', 'inset-y', 'top', 'right', 'bottom', 'left', 'start', 'end', 'z', 'opacity', 'basis',
  'grid-cols', 'grid-rows', 'col-start', 'col-end', 'row-start', 'row-end',
  'leading', 'tracking', 'whitespace', 'cursor', 'pointer-events', 'select', 'duration', 'ease', 'delay', 'animate',
  'translate-x', 'translate-y', 'rotate', 'aspect', 'line-clamp', 'underline-offset',
  'overflow-x', 'overflow-y', 'overflow', 'justify-items', 'justify-self',
  'items', 'self', 'place-content', 'place-items', 'place-self', 'origin', 'backdrop-blur', 'accent', 'align',
]);

/** Utilities that are also classes on their own: `border` is a 1px border, `rounded` a small radius. */
const BARE = new Set(['border', 'rounded', 'shadow', 'ring', 'outline', 'transition', 'divide-x', 'divide-y', 'backdrop-blur']);

/** Longest known prefix first: `min-w-0` is `min-w`, not `min`. */
function split(utility: string): [string, string] | null {
  const dashes = utility.split('-');
  for (let n = Math.min(dashes.length - 1, 3); n >= 1; n--) {
    const prefix = dashes.slice(0, n).join('-');
    if (SIMPLE.has(prefix) || COMPOUND.has(prefix)) return [prefix, dashes.slice(n).join('-')];
  }
  return null;
}

const COMPOUND = new Set(['text', 'font', 'bg', 'border', 'rounded', 'shadow', 'ring', 'ring-offset', 'outline', 'outline-offset',
  'flex', 'justify', 'content', 'col-span', 'row-span', 'col', 'row', 'transition', 'object', 'fill', 'stroke',
  'from', 'via', 'to', 'divide', 'divide-x', 'divide-y', 'break', 'translate', 'grow', 'shrink', 'table', 'list']);

function compound(prefix: string, value: string): string | null {
  const bare = value.split('/')[0]; // a colour's opacity or a font size's line height
  switch (prefix) {
    case 'text':
      if (/^(left|center|right|justify|start|end)$/.test(value)) return 'text-alignment';
      if (SIZE.test(bare) || /^\[\d/.test(bare) || bare.startsWith('(length:')) return 'font-size';
      if (/^(wrap|nowrap|balance|pretty)$/.test(value)) return 'text-wrap';
      if (/^(ellipsis|clip)$/.test(value)) return 'text-overflow';
      return 'text-color';
    case 'font':
      return /^(thin|extralight|light|normal|medium|semibold|bold|extrabold|black|\d+)$/.test(value) ? 'font-weight' : 'font-family';
    case 'bg':
      if (value === 'none' || /^(gradient-to-|linear-|radial|conic)/.test(value)) return 'bg-image';
      // Attachment, clip, origin, blend, repeat, size and position are not written here: left as they are.
      return /^(fixed|local|scroll|clip-|origin-|blend-|repeat|no-repeat|auto$|cover$|contain$|size-|position-|bottom|center|left|right|top)/.test(value) ? null : 'bg-color';
    case 'border': {
      if (value === '' || LENGTH.test(value)) return 'border-w';
      if (/^(solid|dashed|dotted|double|hidden|none)$/.test(value)) return 'border-style';
      if (/^(collapse|separate)$/.test(value)) return 'border-collapse';
      const [side, ...rest] = value.split('-');
      if (SIDES.test(side)) return rest.length === 0 || LENGTH.test(rest.join('-')) ? `border-w-${side}` : `border-color-${side}`;
      return 'border-color';
    }
    case 'rounded': {
      const [side] = value.split('-');
      return /^(s|e|t|r|b|l|ss|se|ee|es|tl|tr|br|bl)$/.test(side) ? `rounded-${side}` : 'rounded';
    }
    case 'shadow':
      return value === '' || /^(2xs|xs|sm|md|lg|xl|2xl|none|inner)$/.test(value) ? 'shadow' : 'shadow-color';
    case 'ring':
      if (value === 'inset') return 'ring-w-inset';
      return value === '' || LENGTH.test(value) ? 'ring-w' : 'ring-color';
    case 'ring-offset':
      return LENGTH.test(value) ? 'ring-offset-w' : 'ring-offset-color';
    case 'outline':
      if (value === '' || LENGTH.test(value)) return 'outline-w';
      return /^(none|hidden|solid|dashed|dotted|double)$/.test(value) ? 'outline-style' : 'outline-color';
    case 'outline-offset':
      return 'outline-offset';
    case 'flex':
      if (/^(row|row-reverse|col|col-reverse)$/.test(value)) return 'flex-direction';
      if (/^(wrap|wrap-reverse|nowrap)$/.test(value)) return 'flex-wrap';
      return 'flex';
    case 'justify':
      return 'justify-content';
    case 'content':
      return /^(normal|center|start|end|between|around|evenly|baseline|stretch)$/.test(value) ? 'align-content' : 'content';
    case 'col-span':
    case 'col':
      return value === 'auto' || prefix === 'col-span' ? 'col-start-end' : null;
    case 'row-span':
    case 'row':
      return value === 'auto' || prefix === 'row-span' ? 'row-start-end' : null;
    case 'transition':
      return value === 'discrete' || value === 'normal' ? null : 'transition';
    case 'object':
      return /^(contain|cover|fill|none|scale-down)$/.test(value) ? 'object-fit' : 'object-position';
    case 'fill':
      return 'fill';
    case 'stroke':
      return NUMBER.test(value) ? 'stroke-w' : 'stroke';
    case 'from':
    case 'via':
    case 'to':
      return /%$/.test(value) ? `gradient-${prefix}-pos` : `gradient-${prefix}`;
    case 'divide-x':
    case 'divide-y':
      return value === 'reverse' ? `${prefix}-reverse` : prefix;
    case 'divide':
      return /^(solid|dashed|dotted|double|hidden|none)$/.test(value) ? 'divide-style' : 'divide-color';
    case 'break':
      if (value.startsWith('before-') || value.startsWith('after-') || value.startsWith('inside-')) return `break-${value.split('-')[0]}`;
      return 'break';
    case 'translate':
      return value === 'none' ? 'translate-none' : 'translate';
    case 'grow':
      return 'grow';
    case 'shrink':
      return 'shrink';
    case 'table':
      return value === 'auto' || value === 'fixed' ? 'table-layout' : null;
    case 'list':
      return value === 'inside' || value === 'outside' ? 'list-position' : 'list-type';
    default:
      return null;
  }
}

/** The group of one utility without variants, `!` or a leading `-` (`px-4`, `text-sm`, `bg-primary/90`). */
export function classGroup(utility: string): ClassGroup | null {
  const word = WORDS[utility];
  if (word) return group(word);
  if (BARE.has(utility)) return group(SIMPLE.has(utility) ? utility : compound(utility, '')!);
  const parts = split(utility);
  if (!parts) return null;
  const [prefix, value] = parts;
  if (value === '') return null;
  if (SIMPLE.has(prefix)) {
    // `space-x-reverse` and `space-y-reverse` are switches of their own.
    if ((prefix === 'space-x' || prefix === 'space-y') && value === 'reverse') return group(`${prefix}-reverse`);
    return group(prefix);
  }
  const id = compound(prefix, value);
  return id ? group(id) : null;
}
