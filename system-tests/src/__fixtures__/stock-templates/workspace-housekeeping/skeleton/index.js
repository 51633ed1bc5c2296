module.exports = function hello() {
  return 'hello from ${{ values.name }}';
};
