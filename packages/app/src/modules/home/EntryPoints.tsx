import { Card, CardBody, Grid, Text } from '@backstage/ui';

type EntryPoint = { title: string; href: string; text: string };

// The portal's jobs, in the words of the engineers who use it.
const entryPoints: EntryPoint[] = [
  {
    title: 'Software catalog',
    href: '/catalog',
    text: 'Every service, website, library and job at Tidewater, with its owner, system and lifecycle.',
  },
  {
    title: 'APIs',
    href: '/api-docs',
    text: 'OpenAPI, AsyncAPI and gRPC definitions, and who provides and consumes each.',
  },
  {
    title: 'Create something new',
    href: '/create',
    text: 'Golden-path templates: a working repository, CI and a catalog entry in minutes.',
  },
];

export const EntryPoints = () => (
  <Grid.Root columns={{ initial: '1', md: '3' }} gap="4">
    {entryPoints.map(entry => (
      <Grid.Item key={entry.href}>
        <Card href={entry.href} label={entry.title}>
          <CardBody>
            <Text as="h2" variant="title-x-small">
              {entry.title}
            </Text>
            <Text variant="body-medium" color="secondary">
              {entry.text}
            </Text>
          </CardBody>
        </Card>
      </Grid.Item>
    ))}
  </Grid.Root>
);
