// GraphiQL for aap, served by the platform itself: no CDN, so it works on a hospital network
// without internet. Adapted from strawberry-graphql's page (MIT); headers are kept in the
// browser's storage only if you ask GraphiQL to ("Persist headers").
(function () {
  "use strict";

  const WELCOME = [
    "# aap: GraphQL API for public calls in health and AI.",
    "#",
    "# Sign in with the login mutation, then put the token in the Headers pane:",
    '#   { "Authorization": "Bearer <token>" }',
    "#",
    "# Run: Ctrl-Enter. Complete: Ctrl-Space. The schema is in the Docs pane.",
    "",
    "{ serverTime calls(first: 5) { edges { node { id reference status } } } }",
    "",
  ].join("\n");

  const parameters = {};
  for (const entry of window.location.search.slice(1).split("&")) {
    const eq = entry.indexOf("=");
    if (eq >= 0) {
      parameters[decodeURIComponent(entry.slice(0, eq))] = decodeURIComponent(entry.slice(eq + 1));
    }
  }

  function updateURL(data) {
    Object.assign(parameters, data);
    const search = Object.keys(parameters)
      .filter((key) => Boolean(parameters[key]))
      .map((key) => encodeURIComponent(key) + "=" + encodeURIComponent(parameters[key]))
      .join("&");
    history.replaceState(null, "", "?" + search);
  }

  const fetcher = GraphiQL.createFetcher({ url: window.location.href.split("?")[0] });

  function AapGraphiQL() {
    const [query, setQuery] = React.useState(parameters.q || WELCOME);
    const [variables, setVariables] = React.useState(parameters.variables);
    const explorer = GraphiQLPluginExplorer.explorerPlugin();
    return React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      plugins: [explorer],
      query: query,
      variables: variables,
      onEditQuery: (value) => {
        setQuery(value);
        updateURL({ q: value });
      },
      onEditVariables: (value) => {
        setVariables(value);
        updateURL({ variables: value });
      },
      inputValueDeprecation: true,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    });
  }

  ReactDOM.createRoot(document.getElementById("graphiql")).render(React.createElement(AapGraphiQL));
})();
