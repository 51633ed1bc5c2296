/*
 * The priority score with its parts, so nobody has to guess why one request
 * ranks above another: each factor's input, its weight and the points it
 * adds.
 */
import { Flex, Text } from '@backstage/ui';
import { useLocaleFormat } from '@internal/lodestar-react';
import { PlatformRequest } from '@internal/plugin-platform-requests-common';
import { factorLabel, factorValue, formatScore } from '../../lib/format';

export const PriorityBreakdown = ({
  request,
}: {
  request: PlatformRequest;
}) => {
  const format = useLocaleFormat();
  return (
    <Flex direction="column" gap="2">
      <Text variant="title-medium" aria-label="Priority score">
        {formatScore(request.priority.score, format)}
      </Text>
      <table
        aria-label="Priority breakdown"
        style={{ borderCollapse: 'collapse' }}
      >
        <thead>
          <tr>
            {['Factor', 'Input', 'Weight', 'Points'].map(h => (
              <th
                key={h}
                scope="col"
                style={{
                  textAlign: h === 'Factor' ? 'left' : 'right',
                  padding: 4,
                }}
              >
                <Text variant="body-small" color="secondary">
                  {h}
                </Text>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {request.priority.parts.map(part => (
            <tr key={part.factor}>
              <th scope="row" style={{ textAlign: 'left', padding: 4 }}>
                <Text variant="body-small">{factorLabel(part.factor)}</Text>
              </th>
              <td style={{ textAlign: 'right', padding: 4 }}>
                <Text variant="body-small">
                  {factorValue(part, request.urgency, format)}
                </Text>
              </td>
              <td style={{ textAlign: 'right', padding: 4 }}>
                <Text variant="body-small">{format.number(part.weight)}</Text>
              </td>
              <td style={{ textAlign: 'right', padding: 4 }}>
                <Text variant="body-small" weight="bold">
                  {formatScore(part.points, format)}
                </Text>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Text variant="body-x-small" color="secondary">
        Each factor is scaled to 0–1 (half-way at 10 votes, 3 teams, 20 hours a
        week or 30 days) and multiplied by its weight.
      </Text>
    </Flex>
  );
};
