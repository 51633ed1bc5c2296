/*
 * What the requests are about: the top categories by votes, by the number
 * of teams asking, and by hours lost per week.
 */
import { Card, CardBody, CardHeader, Grid, Text } from '@backstage/ui';
import { useLocaleFormat } from '@internal/lodestar-react';
import { FlowSummary } from '@internal/plugin-platform-kpis-common';
import { formatCount, formatHours } from '../../lib/format';

type List = Array<{ category: string; value: number }>;

const CategoryList = (props: {
  title: string;
  items: List;
  format: (value: number) => string;
}) => (
  <Card style={{ height: '100%' }}>
    <CardHeader>
      <Text variant="body-medium" weight="bold">
        {props.title}
      </Text>
    </CardHeader>
    <CardBody>
      {props.items.length === 0 ? (
        <Text color="secondary" variant="body-small">
          None in this window.
        </Text>
      ) : (
        <ol aria-label={props.title} style={{ margin: 0, paddingLeft: 20 }}>
          {props.items.map(item => (
            <li key={item.category}>
              <Text variant="body-small">
                <bdi>{item.category}</bdi>: {props.format(item.value)}
              </Text>
            </li>
          ))}
        </ol>
      )}
    </CardBody>
  </Card>
);

export const TopCategories = ({
  categories,
}: {
  categories: FlowSummary['topCategories'];
}) => {
  const format = useLocaleFormat();
  return (
    <Grid.Root columns={{ initial: '1', md: '3' }} gap="3">
      <Grid.Item>
        <CategoryList
          title="Top categories by votes"
          items={categories.byVotes}
          format={v => `${formatCount(v, format)} votes`}
        />
      </Grid.Item>
      <Grid.Item>
        <CategoryList
          title="Top categories by teams"
          items={categories.byTeams}
          format={v => `${formatCount(v, format)} teams`}
        />
      </Grid.Item>
      <Grid.Item>
        <CategoryList
          title="Top categories by hours lost"
          items={categories.byHoursLost}
          format={v => `${formatHours(v, format)} / week`}
        />
      </Grid.Item>
    </Grid.Root>
  );
};
