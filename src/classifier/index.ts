/**
 * The classifier: a small tfjs model over signature features and hashed n-grams that scores
 * documents as calibrated probabilities of being machine-generated.
 */
export { selectBackend, AUTO_FALLBACK_BACKEND } from './backend.js';
export { BackendSchema, type BackendName, type BackendPreference } from './backend-name.js';
export { buildDetectorModel, resolveArchitecture, MODEL_SHAPE_DEFAULTS, type ModelArchitecture, type ModelShapeOptions } from './build-model.js';
export { applyPlatt, fitPlatt, sigmoid, type PlattParams } from './calibration.js';
export { ModelCardSchema, LineageSchema, readCard, writeCard, assertFeatureSpec, CARD_JSON, type ModelCard, type CardMetrics, type Lineage } from './card.js';
export { loadDetector, type Detector, type LoadDetectorOptions } from './detector.js';
export { EmbeddingBag } from './embedding-bag-layer.js';
export { embeddingBag, poolBags, poolBagsGradient, type BagPooling } from './embedding-bag-op.js';
export { ClassifierError, type ClassifierErrorCode } from './errors.js';
export { countLabels, LabeledDocumentSchema, LABELED_SPLITS, readLabeledFile, servesUse, type LabelCounts, type LabeledDocument, type LabeledFile, type LabeledSplit, type LabeledUse } from './labeled-data.js';
export { CLASS_LM_BIN, hashModelFiles, loadModel, saveModel, MODEL_JSON, WEIGHTS_BIN } from './model-io.js';
export { shareModelClassLm } from './model-class-lm.js';
export { planClassLm, sourceDocumentKey, type ClassLmTraining } from './class-lm-training.js';
export { scoreWithModel } from './score-texts.js';
export { Standardize } from './standardize-layer.js';
export { readVerifiedModel, type VerifiedModel } from './verified-model.js';
export { chooseDefaultThresholds, chooseThresholdsForEveryPart, DEFAULT_THRESHOLD_RULE, describeThresholdRule, type DefaultThresholdRule } from './thresholds.js';
export { DEFAULT_TRAINING } from './default-settings.js';
export { loadLabeledInput, trainDetector, type LabeledInput, type LoadedInput, type TrainingInput, type TrainDetectorOptions, type TrainResult } from './train.js';
export { fineTuneDetector, FINE_TUNE_DEFAULTS, type FineTuneOptions } from './fine-tune.js';
export type { EpochProgress } from './training-progress.js';
