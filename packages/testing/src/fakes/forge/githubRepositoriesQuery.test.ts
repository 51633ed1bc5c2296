/*
 * The forge's answer to repository discovery's organisation query: its real
 * repositories, paged, each with the catalog file from its default branch
 * when there is one, and GitHub's errors for an unknown owner or too large
 * a page. The portal's use of it is in the backend's adoption test.
 */
import { gitMissing } from './bareRepos';
import { GithubForge, startGithubForge } from './githubForge';

const TOKEN = 'forge-discovery-test-token';

const missing = gitMissing();
if (missing) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPING the forge discovery query tests: ${missing}`);
  if (process.env.CI === 'true') throw new Error(`CI needs git: ${missing}`);
}
const describeWithGit = missing ? describe.skip : describe;

// The shape of GithubEntityProvider's query (the forge matches on it).
const QUERY = `query repositories($org: String!, $catalogPathRef: String!, $cursor: String, $repositoriesPageSize: Int) {
  repositoryOwner(login: $org) {
    login
    repositories(first: $repositoriesPageSize, after: $cursor) {
      nodes { name catalogInfoFile: object(expression: $catalogPathRef) { __typename ... on Blob { id text } } url isArchived isFork visibility repositoryTopics(first: 100) { nodes { topic { name } } } defaultBranchRef { name } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

describeWithGit("local GitHub forge: discovery's repositories query", () => {
  let forge: GithubForge;
  const ask = async (variables: Record<string, unknown>) => {
    const res = await fetch(`${forge.url}/api/graphql`, {
      method: 'POST',
      headers: {
        Authorization: `bearer ${TOKEN}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ query: QUERY, variables }),
    });
    expect(res.status).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    forge = await startGithubForge({ token: TOKEN });
    await forge.seedRepository('tidewater', 'svc-a', {
      'catalog-info.yaml': 'kind: Component\n',
    });
    await forge.seedRepository('tidewater', 'notes', { 'README.md': '#\n' });
    await forge.seedRepository(
      'tidewater',
      'svc-b',
      { 'catalog-info.yaml': 'kind: System\n' },
      'trunk',
    );
  });
  afterAll(() => forge?.cleanup());

  it('lists the repositories page by page with the catalog file of each default branch', async () => {
    const variables = {
      org: 'tidewater',
      catalogPathRef: 'HEAD:catalog-info.yaml',
      repositoriesPageSize: 2,
    };
    const first = await ask({ ...variables, cursor: null });
    const page1 = first.data.repositoryOwner.repositories;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.nodes.map((n: any) => n.name)).toEqual(['svc-a', 'notes']);
    expect(page1.nodes[0]).toMatchObject({
      url: `${forge.url}/tidewater/svc-a`,
      catalogInfoFile: { __typename: 'Blob', text: 'kind: Component\n' },
      defaultBranchRef: { name: 'main' },
      visibility: 'PRIVATE',
      isArchived: false,
    });
    expect(page1.nodes[1].catalogInfoFile).toBeNull();

    const second = await ask({
      ...variables,
      cursor: page1.pageInfo.endCursor,
    });
    const page2 = second.data.repositoryOwner.repositories;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(page2.nodes).toEqual([
      expect.objectContaining({
        name: 'svc-b',
        catalogInfoFile: expect.objectContaining({ text: 'kind: System\n' }),
        defaultBranchRef: { name: 'trunk' },
      }),
    ]);
  });

  it("answers GitHub's errors for an unknown owner and for more than 100 a page", async () => {
    const unknown = await ask({
      org: 'nobody',
      catalogPathRef: 'HEAD:catalog-info.yaml',
      repositoriesPageSize: 10,
    });
    expect(unknown.data.repositoryOwner).toBeNull();
    expect(unknown.errors[0].type).toBe('NOT_FOUND');

    const tooMany = await ask({
      org: 'tidewater',
      catalogPathRef: 'HEAD:catalog-info.yaml',
      repositoriesPageSize: 101,
    });
    expect(tooMany.errors[0].type).toBe('EXCESSIVE_PAGINATION');
  });
});
