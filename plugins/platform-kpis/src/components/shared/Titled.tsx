/*
 * A small heading and what it names (a table, a chart, a list), grouped so
 * assistive technology reads the heading as the group's name. BUI's Table
 * takes no aria-label of its own.
 */
import { Flex, Text } from '@backstage/ui';
import { ReactNode, useId } from 'react';

export const Titled = (props: { title: string; children: ReactNode }) => {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id}>
      <Flex direction="column" gap="2">
        <Text as="h3" variant="title-x-small" id={id}>
          {props.title}
        </Text>
        {props.children}
      </Flex>
    </div>
  );
};
