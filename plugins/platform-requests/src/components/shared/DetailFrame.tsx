/*
 * The frame of a page about one thing (a request, an improvement): loading,
 * the error it failed with, then its heading ("KEY · title"), a line of
 * status and facts, the header's extras (notes, actions), and the body in a
 * wide main column and a narrow side column. useLatest keeps what the last
 * action returned over what was loaded.
 */
import { Progress } from '@backstage/core-components';
import {
  Card,
  CardBody,
  CardHeader,
  Container,
  Flex,
  Grid,
  Text,
} from '@backstage/ui';
import { ErrorAlert } from '@internal/lodestar-react';
import { DependencyList, ReactNode, useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

export function useLatest<T>(load: () => Promise<T>, deps: DependencyList) {
  const loaded = useAsyncRetry(load, deps);
  const [value, setValue] = useState<T>();
  useEffect(() => setValue(loaded.value), [loaded.value]);
  return { loaded, value, setValue };
}

export const DetailSection = (props: {
  title: string;
  children: ReactNode;
}) => (
  <Card>
    <CardHeader>
      <Text as="h3" variant="title-x-small">
        {props.title}
      </Text>
    </CardHeader>
    <CardBody>{props.children}</CardBody>
  </Card>
);

export type DetailParts = {
  id: string;
  title: string;
  /** Status badges and a line of facts, side by side. */
  meta: ReactNode;
  /** Below the meta line: notes and actions. */
  header?: ReactNode;
  /** Full width, between the header and the columns (e.g. an edit form). */
  banner?: ReactNode;
  main: ReactNode;
  side: ReactNode;
};

export function DetailFrame<T>(props: {
  loaded: { loading: boolean; error?: Error };
  value: T | undefined;
  children: (value: T) => DetailParts;
}) {
  const { loaded, value } = props;
  if (loaded.loading && !value) return <Progress />;
  if (loaded.error) return <ErrorAlert error={loaded.error} />;
  if (!value) return null;
  const parts = props.children(value);
  return (
    <Container py="4">
      <Flex direction="column" gap="4">
        <Flex direction="column" gap="2">
          <Text as="h2" variant="title-medium">
            {parts.id} · <bdi>{parts.title}</bdi>
          </Text>
          <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
            {parts.meta}
          </Flex>
          {parts.header}
        </Flex>
        {parts.banner}
        <Grid.Root columns={{ initial: '1', md: '3' }} gap="4">
          <Grid.Item colSpan={{ initial: '1', md: '2' }}>
            <Flex direction="column" gap="4">
              {parts.main}
            </Flex>
          </Grid.Item>
          <Grid.Item>
            <Flex direction="column" gap="4">
              {parts.side}
            </Flex>
          </Grid.Item>
        </Grid.Root>
      </Flex>
    </Container>
  );
}
