export const name = '${{ values.name }}';
