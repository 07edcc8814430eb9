mod admin;
mod attest;
mod challenge;
mod cosign;
mod queries;
mod seed;
mod suite;
