/*
 * An MCP client as an AI assistant runs it: the SDK's Client over the
 * Streamable HTTP transport, to the portal's MCP actions endpoint, carrying
 * a person's Backstage token.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export type McpToolResult = {
  isError: boolean;
  /** The tool's text content (JSON for a result, "Name: message" for an error). */
  text: string;
  /** The parsed output, for a tool that did not fail. */
  output: any;
};

export type McpSession = {
  client: Client;
  listTools(): Promise<Array<{ name: string; description?: string }>>;
  call(name: string, args: Record<string, unknown>): Promise<McpToolResult>;
  close(): Promise<void>;
};

/** Connects to `${baseUrl}/api/mcp-actions/v1` (or `path`) with `token`. */
export async function connectMcp(
  baseUrl: string,
  token: string | undefined,
  path = '/api/mcp-actions/v1',
): Promise<McpSession> {
  const client = new Client({ name: 'lodestar-tests', version: '0.0.0' });
  const transport = new StreamableHTTPClientTransport(
    new URL(`${baseUrl}${path}`),
    {
      requestInit: {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      },
    },
  );
  await client.connect(transport);
  return {
    client,
    async listTools() {
      const tools = [];
      let cursor: string | undefined;
      do {
        const page = await client.listTools(cursor ? { cursor } : {});
        tools.push(...page.tools);
        cursor = page.nextCursor;
      } while (cursor);
      return tools;
    },
    async call(name, args) {
      const result = await client.callTool({ name, arguments: args });
      const content = result.content as Array<{ type: string; text?: string }>;
      const text = content
        .filter(c => c.type === 'text')
        .map(c => c.text ?? '')
        .join('\n');
      const isError = Boolean(result.isError);
      return {
        isError,
        text,
        output: isError
          ? undefined
          : result.structuredContent ?? JSON.parse(text),
      };
    },
    close: () => client.close(),
  };
}
