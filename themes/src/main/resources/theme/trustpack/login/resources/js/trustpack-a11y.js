// keycloak.v2 (Keycloak 26.7) renders some labels that point at no element, so screen readers announce those fields
// without a name (axe-core: "Form elements must have labels"): the read-only username on the password and later pages
// (label for="username", input id="kc-attempted-username") and the authenticator-app form (for="form-vertical-name"
// on both fields). Each such label is pointed at the one field of its own form group. Nothing else is changed.
'use strict';
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('label[for]').forEach(function (label) {
    if (document.getElementById(label.htmlFor)) {
      return;
    }
    var group = label.closest('.pf-v5-c-form__group');
    var fields = group ? group.querySelectorAll('input:not([type=hidden]), select, textarea') : [];
    if (fields.length === 1 && fields[0].id) {
      label.htmlFor = fields[0].id;
    }
  });
});
