import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

// A proposal's markdown, rendered without raw HTML (skipHtml drops it; react-markdown never uses
// dangerouslySetInnerHTML) and with links that cannot run script.
const safeUrl = (url: string) => (/^(https?:|mailto:|#|\/)/i.test(url) ? url : '');

export function ProposalBody({ body }: { body: string }) {
  if (!body.trim()) return <p className="text-sm text-muted-foreground">No description.</p>;
  return (
    <div className="prose-proposal flex flex-col gap-3 text-sm leading-relaxed [&_a]:text-primary [&_a]:underline [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6 [&_code]:rounded [&_code]:bg-muted [&_code]:px-1 [&_table]:text-left [&_td]:border [&_td]:px-2 [&_th]:border [&_th]:px-2 [&_blockquote]:border-l-4 [&_blockquote]:pl-3 [&_blockquote]:text-muted-foreground">
      <Markdown remarkPlugins={[remarkGfm]} skipHtml urlTransform={safeUrl}
        components={{ h1: 'h3', h2: 'h3', h3: 'h4', h4: 'h5', img: ({ alt }) => <span>[image: {alt}]</span> }}>
        {body}
      </Markdown>
    </div>
  );
}
