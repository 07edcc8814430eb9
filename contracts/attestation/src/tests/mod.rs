mod admin;
mod attest;
mod challenge;
mod cosign;
mod gas;
mod queries;
mod seed;
mod suite;
