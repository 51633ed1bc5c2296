import {
  EntityRefLink,
  useStarredEntities,
} from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';

export const StarredEntities = () => {
  const { starredEntities } = useStarredEntities();
  if (starredEntities.size === 0) {
    return (
      <Text color="secondary">
        Star an entity in the catalog (☆ on its page) to keep it here.
      </Text>
    );
  }
  return (
    <Flex direction="column" gap="1">
      {[...starredEntities].sort().map(ref => (
        <Text key={ref}>
          <EntityRefLink entityRef={ref} />
        </Text>
      ))}
    </Flex>
  );
};
