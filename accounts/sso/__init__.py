"""Single sign-on for officials: the municipality's identity provider over OpenID Connect (allauth's
openid_connect provider), configured from the environment (SSO_* settings), off until configured.

- config.py: whether it is on, and the one allauth app built from the settings;
- claims.py: what the provider's claims say (email verified, groups and roles, multi-factor);
- mapping.py: which official roles a person's groups give (the admin's rows and SSO_ROLE_MAP);
- models.py, services.py, admin.py: the mapping superusers keep, and applying it at sign-in;
- adapters.py, sign_in.py: allauth's hooks, and the rule of who may sign in and be created;
- session.py: what the sign-in left in the session (the second factor checks it);
- views.py, urls.py, middleware.py: the refusal, the pages that stay closed, the sign-in pages' form-action;
- checks.py: half a configuration or a wrong role map stops the start.

docs/single-sign-on.md describes the rules and the configuration."""
