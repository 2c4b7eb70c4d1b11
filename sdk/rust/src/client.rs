//! The Connect clients the SDK calls the Dispatcher and the Query Service with: the official
//! connectrpc transport and generated clients, the JSON codec (the contract's wire form, which the
//! Dispatcher logs and checks), and the capability token as a header on every call.

use connectrpc::client::{ClientConfig, HttpClient};
use http::HeaderValue;

use crate::error::TaskError;

/// The header carrying the capability token.
pub const CAPABILITY_HEADER: &str = "X-Trace-Task-Capability";

/// A generated client over the SDK's transport.
pub type TaskServiceClient = crate::pb::TaskServiceClient<HttpClient>;
pub type QueryServiceClient = crate::pb::QueryServiceClient<HttpClient>;

/// The client configuration for `base_url` sending `capability_token`. A token that is not a
/// valid header value, or a URL that is not one, is refused here (without echoing the token):
/// connectrpc would otherwise drop the header silently and every call would be unauthenticated.
pub(crate) fn config(base_url: &str, capability_token: &str) -> Result<ClientConfig, TaskError> {
    let uri = base_url.parse().map_err(|_| TaskError::Invalid(format!("not a URL: {base_url:?}")))?;
    let mut token = HeaderValue::from_str(capability_token).map_err(|_| TaskError::Invalid("the capability token is not a valid header value".into()))?;
    token.set_sensitive(true);
    Ok(ClientConfig::new(uri).json().with_default_header(CAPABILITY_HEADER, token))
}

/// The HTTP transport for `base_url`: cleartext for `http://`, rustls for `https://` (feature `tls`).
pub(crate) fn transport(base_url: &str) -> Result<HttpClient, TaskError> {
    if base_url.starts_with("https://") {
        return tls_transport();
    }
    Ok(HttpClient::plaintext())
}

#[cfg(feature = "tls")]
fn tls_transport() -> Result<HttpClient, TaskError> {
    let roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
    let mut tls = rustls::ClientConfig::builder().with_root_certificates(roots).with_no_client_auth();
    tls.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(HttpClient::with_tls(std::sync::Arc::new(tls)))
}

#[cfg(not(feature = "tls"))]
fn tls_transport() -> Result<HttpClient, TaskError> {
    Err(TaskError::Invalid("https:// needs trace-dispatcher-sdk's `tls` feature".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_that_is_not_a_header_value_is_refused_without_echoing_it() {
        let error = config("http://127.0.0.1:1", "secret\nline").unwrap_err();
        assert!(matches!(error, TaskError::Invalid(_)));
        assert!(!error.to_string().contains("secret"));
    }

    #[test]
    fn the_token_is_a_default_header_and_the_codec_is_json() {
        let config = config("http://127.0.0.1:1", "jwt").unwrap();
        assert_eq!(config.default_headers().get("x-trace-task-capability").unwrap(), "jwt");
        assert_eq!(config.codec_format(), connectrpc::CodecFormat::Json);
    }

    #[cfg(feature = "tls")]
    #[test]
    fn https_uses_rustls_with_the_tls_feature() {
        assert!(transport("https://dispatcher.example").is_ok());
        assert!(config("https://dispatcher.example", "jwt").is_ok());
    }

    #[cfg(not(feature = "tls"))]
    #[test]
    fn https_without_the_tls_feature_says_which_feature() {
        let error = transport("https://dispatcher.example").unwrap_err();
        assert!(error.to_string().contains("`tls` feature"));
    }
}
