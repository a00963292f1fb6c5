/**
 * The GitHub Actions workflow of the README's recipe, as `init --github-actions` writes it to
 * `.github/workflows/news.yml`. A test keeps it equal to the README's `yaml` block: change both.
 */
export const WORKFLOW_FILE = ".github/workflows/news.yml";

export const WORKFLOW = `name: news
on:
  schedule: [{ cron: "17 * * * *" }]
  workflow_dispatch:
permissions: { contents: write }
concurrency: { group: news }
jobs:
  fetch:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      - run: cd /tmp && npm pack github:newsmirror/newsmirror && npm install --global ./newsmirror-*.tgz
      - run: newsmirror fetch --commit --push --config newsmirror.json
`;
