/*
 * A Markdown text area with a preview switch: what the reader will see,
 * rendered by the same sanitising component the request page uses.
 */
import { Box, Flex, Switch, TextAreaField } from '@backstage/ui';
import { useState } from 'react';
import { RequestMarkdown } from './RequestMarkdown';

export type MarkdownFieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  description?: string;
  placeholder?: string;
  rows?: number;
  errorMessage?: string;
};

export const MarkdownField = (props: MarkdownFieldProps) => {
  const [preview, setPreview] = useState(false);
  return (
    <Flex direction="column" gap="2">
      {preview ? (
        <Box
          aria-label={`${props.label} preview`}
          role="region"
          p="3"
          style={{
            minHeight: 80,
            border: '1px solid var(--bui-border-1)',
            borderRadius: 4,
          }}
        >
          <RequestMarkdown content={props.value || '_Nothing to preview._'} />
        </Box>
      ) : (
        <TextAreaField
          label={props.label}
          description={props.description}
          placeholder={props.placeholder}
          rows={props.rows ?? 6}
          value={props.value}
          onChange={props.onChange}
          validationBehavior="aria"
          validate={() => props.errorMessage}
        />
      )}
      <Switch
        label={`Preview ${props.label.toLocaleLowerCase('en-US')}`}
        isSelected={preview}
        onChange={setPreview}
      />
    </Flex>
  );
};
