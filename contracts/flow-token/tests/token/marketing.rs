use cosmwasm_std::Binary;
use cw20::{DownloadLogoResponse, EmbeddedLogo, Logo, LogoInfo, MarketingInfoResponse};
use cw20_base::ContractError as Base;
use flow_types::token::{ExecuteMsg, QueryMsg};

use crate::suite::*;

const PNG_HEADER: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
const SVG: &str = r#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>"#;

fn png(len: usize) -> Binary {
    let mut data = PNG_HEADER.to_vec();
    data.resize(len, 7);
    Binary::from(data)
}

#[test]
fn the_marketer_updates_marketing_info() {
    let mut s = Suite::new();
    let marketer = s.marketer.clone();
    assert_eq!(
        s.marketing(),
        MarketingInfoResponse {
            project: Some("Holon Alpha".to_string()),
            description: Some("Flow tokens for contributions to Holon Alpha".to_string()),
            marketing: Some(marketer.clone()),
            logo: Some(LogoInfo::Url(LOGO_URL.to_string())),
        }
    );
    let res = s
        .execute(
            &marketer,
            ExecuteMsg::UpdateMarketing {
                project: Some("Holon Alpha, season 2".to_string()),
                // an empty string clears a field
                description: Some(" ".to_string()),
                marketing: None,
            },
        )
        .unwrap();
    let token = s.token.clone();
    assert_eq!(
        wasm_attr(&res, &token, "action").as_deref(),
        Some("update_marketing")
    );
    assert_eq!(
        s.marketing(),
        MarketingInfoResponse {
            project: Some("Holon Alpha, season 2".to_string()),
            description: None,
            marketing: Some(marketer.clone()),
            logo: Some(LogoInfo::Url(LOGO_URL.to_string())),
        }
    );

    // handing marketing over to the holon
    let holon = s.holon.clone();
    s.execute(
        &marketer,
        ExecuteMsg::UpdateMarketing {
            project: None,
            description: None,
            marketing: Some(holon.to_string()),
        },
    )
    .unwrap();
    assert_eq!(s.marketing().marketing, Some(holon.clone()));
    s.refused(
        &marketer,
        ExecuteMsg::UpdateMarketing {
            project: Some("mine".to_string()),
            description: None,
            marketing: None,
        },
        base(Base::Unauthorized {}),
    );
}

#[test]
fn only_the_marketer_updates_marketing() {
    let mut s = Suite::new();
    let (alice, minter) = (s.alice.clone(), s.minter.clone());
    for sender in [&alice, &minter] {
        s.refused(
            sender,
            ExecuteMsg::UpdateMarketing {
                project: Some("taken over".to_string()),
                description: None,
                marketing: Some(sender.to_string()),
            },
            base(Base::Unauthorized {}),
        );
        s.refused(
            sender,
            ExecuteMsg::UploadLogo(Logo::Url("https://example.invalid/x.png".to_string())),
            base(Base::Unauthorized {}),
        );
    }
    let marketer = s.marketer.clone();
    s.refused(
        &marketer,
        ExecuteMsg::UpdateMarketing {
            project: None,
            description: None,
            marketing: Some("not-an-address".to_string()),
        },
        invalid_address("Error decoding bech32"),
    );
}

#[test]
fn without_marketing_info_nobody_updates_it() {
    let mut s = Suite::with(|msg| msg.marketing = None);
    assert_eq!(s.marketing(), MarketingInfoResponse::default());
    let marketer = s.marketer.clone();
    s.refused(
        &marketer,
        ExecuteMsg::UpdateMarketing {
            project: Some("x".to_string()),
            description: None,
            marketing: None,
        },
        base(Base::Unauthorized {}),
    );
    s.refused(
        &marketer,
        ExecuteMsg::UploadLogo(Logo::Url(LOGO_URL.to_string())),
        base(Base::Unauthorized {}),
    );
}

#[test]
fn the_marketer_uploads_logos() {
    let mut s = Suite::new();
    let marketer = s.marketer.clone();

    // a URL logo cannot be downloaded
    let err = s
        .query::<DownloadLogoResponse>(&QueryMsg::DownloadLogo {})
        .unwrap_err();
    assert!(err.to_string().contains("logo not found"), "{err}");

    let data = png(100);
    s.execute(
        &marketer,
        ExecuteMsg::UploadLogo(Logo::Embedded(EmbeddedLogo::Png(data.clone()))),
    )
    .unwrap();
    assert_eq!(s.marketing().logo, Some(LogoInfo::Embedded));
    let logo: DownloadLogoResponse = s.query(&QueryMsg::DownloadLogo {}).unwrap();
    assert_eq!(
        logo,
        DownloadLogoResponse {
            mime_type: "image/png".to_string(),
            data,
        }
    );

    s.execute(
        &marketer,
        ExecuteMsg::UploadLogo(Logo::Embedded(EmbeddedLogo::Svg(Binary::from(
            SVG.as_bytes(),
        )))),
    )
    .unwrap();
    let logo: DownloadLogoResponse = s.query(&QueryMsg::DownloadLogo {}).unwrap();
    assert_eq!(logo.mime_type, "image/svg+xml");
    assert_eq!(logo.data.as_slice(), SVG.as_bytes());

    let url = "https://example.invalid/new.svg".to_string();
    s.execute(&marketer, ExecuteMsg::UploadLogo(Logo::Url(url.clone())))
        .unwrap();
    assert_eq!(s.marketing().logo, Some(LogoInfo::Url(url)));
}

#[test]
fn bad_logos_are_refused() {
    let mut s = Suite::new();
    let marketer = s.marketer.clone();
    let upload = |logo: EmbeddedLogo| ExecuteMsg::UploadLogo(Logo::Embedded(logo));
    s.refused(
        &marketer,
        upload(EmbeddedLogo::Png(Binary::from(
            b"GIF89a not a png".as_slice(),
        ))),
        base(Base::InvalidPngHeader {}),
    );
    s.refused(
        &marketer,
        upload(EmbeddedLogo::Png(png(5 * 1024 + 1))),
        base(Base::LogoTooBig {}),
    );
    s.refused(
        &marketer,
        upload(EmbeddedLogo::Svg(Binary::from(b"<svg/>".as_slice()))),
        base(Base::InvalidXmlPreamble {}),
    );
    let mut big_svg = SVG.as_bytes().to_vec();
    big_svg.resize(5 * 1024 + 1, b' ');
    s.refused(
        &marketer,
        upload(EmbeddedLogo::Svg(Binary::from(big_svg))),
        base(Base::LogoTooBig {}),
    );
    // exactly 5 KiB is allowed
    s.execute(&marketer, upload(EmbeddedLogo::Png(png(5 * 1024))))
        .unwrap();
}
