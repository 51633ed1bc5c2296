import {
  Box,
  Card,
  CardBody,
  CardHeader,
  Container,
  Flex,
  Grid,
  SearchField,
  Text,
} from '@backstage/ui';
import { HeadlineKpis } from '@internal/plugin-platform-kpis';
import { OpenSurveysCard } from '@internal/plugin-platform-surveys';
import { useNavigate } from 'react-router-dom';
import { LodestarMark } from '../nav/LodestarMark';
import { EntryPoints } from './EntryPoints';
import { OwnedEntities } from './OwnedEntities';
import { StarredEntities } from './StarredEntities';

export const HomePage = () => {
  const navigate = useNavigate();
  return (
    <Container py="6">
      <Flex direction="column" gap="6">
        <Flex align="center" gap="4">
          <LodestarMark size={48} />
          <Box>
            <Text as="h1" variant="title-large">
              Lodestar
            </Text>
            <Text variant="body-large" color="secondary">
              Tidewater's developer portal: find any service and who owns it,
              start a new one on the golden path, and tell the platform team
              what slows you down.
            </Text>
          </Box>
        </Flex>
        <SearchField
          aria-label="Search the portal"
          placeholder="Search services, APIs, teams, docs…"
          size="medium"
          onSubmit={query =>
            navigate(`/search?query=${encodeURIComponent(query)}`)
          }
        />
        <EntryPoints />
        {/* Only while a pulse survey round is open for the person. */}
        <OpenSurveysCard />
        <Card>
          <CardHeader>
            <Text as="h2" variant="title-small">
              Platform KPIs, last 30 days
            </Text>
          </CardHeader>
          <CardBody>
            <HeadlineKpis />
          </CardBody>
        </Card>
        <Grid.Root columns={{ initial: '1', md: '2' }} gap="4">
          <Grid.Item>
            <Card>
              <CardHeader>
                <Text variant="title-small">Owned by you and your team</Text>
              </CardHeader>
              <CardBody>
                <OwnedEntities />
              </CardBody>
            </Card>
          </Grid.Item>
          <Grid.Item>
            <Card>
              <CardHeader>
                <Text variant="title-small">Starred</Text>
              </CardHeader>
              <CardBody>
                <StarredEntities />
              </CardBody>
            </Card>
          </Grid.Item>
        </Grid.Root>
      </Flex>
    </Container>
  );
};
