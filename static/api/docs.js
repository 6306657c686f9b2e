// Swagger UI on the API's schema. A file of its own: the site's CSP allows no inline script.
(function () {
  "use strict";
  var target = document.getElementById("api-docs");
  if (!target || typeof SwaggerUIBundle !== "function") {
    return;
  }
  SwaggerUIBundle({
    url: target.dataset.schemaUrl,
    domNode: target,
    deepLinking: true,
    supportedSubmitMethods: ["get"],
    defaultModelsExpandDepth: 0,
  });
})();
