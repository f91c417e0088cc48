/**
 * Development licence keypair. The PRIVATE key is public on purpose: it lets
 * anyone working from a source checkout issue themselves a Business licence
 * (`LicenseStore.issueDevLicense()`) to exercise the gated features.
 *
 * It grants nothing to a shipped build: the public half is trusted only when
 * `isSourceCheckout()` holds (see `devLicenseKey()`), never in a packaged app.
 * Someone able to fake a source checkout can edit the code just as well, so
 * this is no weaker than the code itself.
 */
export const devKey = Object.freeze({
    id: "tholos-dev-1",
    publicKeyPem: [
        "-----BEGIN PUBLIC KEY-----",
        "MCowBQYDK2VwAyEAGlZHKmKIeUxwnWLgkF2ji+jQaxJR50MtL4bQAeKSiUk=",
        "-----END PUBLIC KEY-----",
        ""
    ].join("\n"),
    privateKeyPem: [
        "-----BEGIN PRIVATE KEY-----",
        "MC4CAQAwBQYDK2VwBCIEIKygehe3pZzgZEhDOftnmu4QPEYNmyXc7K1IwJAbcEJ+",
        "-----END PRIVATE KEY-----",
        ""
    ].join("\n")
});
